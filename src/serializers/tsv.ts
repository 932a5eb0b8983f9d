import { bodyFromParts, type Serializer, type SerializerContext } from './serializer.js';
import { delimitedBodyParts, edgeSpace, quoted } from './tabular-cell.js';
import { lastCallForLong } from '../util/last-call.js';
import { removeIllegalChars, untouchedBy } from './text-clean.js';
import { mayBeFormula, neutralizeFormula } from './formula-cells.js';

const BREAKS = /[\t\r\n]/;
const untouched = untouchedBy('\\t\\r\\n');
const BREAKS_G = /\r\n|[\t\r\n]/g;

/**
 * Tab-separated values as Google Merchant Center reads them: no quoting exists, so tabs and line
 * breaks inside values become single spaces. Quotes are written as they are. Lines end with LF.
 * `formulaGuard` (the feed's `neutralize_formulas`): a `'` before formula cells, as in CSV.
 */
export function createTsvSerializer(ctx: SerializerContext): Serializer {
  const guard = ctx.options?.formulaGuard === true;
  const cellOf = (raw: string): string => {
    if (untouched(raw) && !(guard && mayBeFormula(raw))) return raw;
    const v = removeIllegalChars(raw);
    const flat = BREAKS.test(v) ? v.replace(BREAKS_G, ' ') : v;
    return guard ? neutralizeFormula(flat) : flat;
  };
  const remembered = lastCallForLong(cellOf);
  const cell = (raw: string): string => (raw === '' ? raw : remembered(raw));
  const columns = ctx.columns;
  const bodyParts = delimitedBodyParts(columns, cell, '\t', '\n');
  return {
    header: () => columns.map(cell).join('\t') + '\n',
    body: bodyFromParts(bodyParts),
    bodyParts,
    footer: () => '',
  };
}

const QUOTED_NEEDS = /[\t\r\n"]/;
const quotedUntouched = untouchedBy('\\t\\r\\n"');
/** A value of a repeated attribute that holds a comma (or a quote) would split there or misread. */
const REPEATED_NEEDS = /[,"]/;
const repeatedValue = (one: string): string => (REPEATED_NEEDS.test(one) ? quoted(one) : one);

/**
 * TSV as Google Merchant Center reads it with "Quoted fields" (support.google.com/merchants/answer/14998273):
 * a value holding a tab, a line break, a quote or a space at either end is written between quotes
 * with its quotes doubled, so tabs and line breaks stay as they were; within the format's `repeated`
 * columns, a value holding a comma is quoted first, as Google asks for repeated attributes. Lines end
 * with LF. `formulaGuard` as in CSV.
 */
export function createQuotedTsvSerializer(ctx: SerializerContext): Serializer {
  const guard = ctx.options?.formulaGuard === true;
  const cellOf = (raw: string): string => {
    if (quotedUntouched(raw) && !edgeSpace(raw) && !(guard && mayBeFormula(raw))) return raw;
    let v = removeIllegalChars(raw);
    if (guard) v = neutralizeFormula(v);
    return QUOTED_NEEDS.test(v) || edgeSpace(v) ? quoted(v) : v;
  };
  const remembered = lastCallForLong(cellOf);
  const cell = (raw: string): string => (raw === '' ? raw : remembered(raw));
  const columns = ctx.columns;
  const repeated = { columns: new Set(ctx.format.repeated ?? []), each: repeatedValue };
  const bodyParts = delimitedBodyParts(columns, cell, '\t', '\n', repeated);
  return {
    header: () => columns.map(cell).join('\t') + '\n',
    body: bodyFromParts(bodyParts),
    bodyParts,
    footer: () => '',
  };
}
