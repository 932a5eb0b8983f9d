import { bodyFromParts, type Serializer, type SerializerContext } from './serializer.js';
import { delimitedBodyParts } from './tabular-cell.js';
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
