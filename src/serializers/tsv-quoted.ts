import type { Serializer, SerializerContext } from './serializer.js';
import { delimitedSerializer } from './tabular-cell.js';
import { removeIllegalChars, untouchedBy } from './text-clean.js';
import { mayBeFormula, neutralizeFormula } from './formula-cells.js';

const NEEDS_QUOTES = /[\t\r\n"]/;
const untouched = untouchedBy('\\t\\r\\n"');
const QUOTE = /"/g;
/** Space at either end: quoted so that a reader that trims unquoted values keeps it. */
const edgeSpace = (v: string): boolean => v.charCodeAt(0) === 32 || v.charCodeAt(v.length - 1) === 32;

/**
 * Tab-separated values as Google Merchant Center reads them with its "Quoted fields" data-source
 * setting (on for every new data source): a value in double quotes is one attribute, tabs and line
 * breaks included, and a quote inside it is doubled (`"12"" pan"`). A value is quoted only when it
 * holds a tab, a line break, a quote or edge spaces, so the text of a feed without such values is
 * the plain TSV. Lines end with LF. `formulaGuard`: a `'` before formula cells, as in CSV.
 */
export function createQuotedTsvSerializer(ctx: SerializerContext): Serializer {
  const guard = ctx.options?.formulaGuard === true;
  const cellOf = (raw: string): string => {
    if (untouched(raw) && !edgeSpace(raw) && !(guard && mayBeFormula(raw))) return raw;
    let v = removeIllegalChars(raw);
    if (guard) v = neutralizeFormula(v);
    return NEEDS_QUOTES.test(v) || edgeSpace(v) ? `"${v.replace(QUOTE, '""')}"` : v;
  };
  return delimitedSerializer(ctx.columns, cellOf, '\t', '\n');
}
