import type { Serializer, SerializerContext } from './serializer.js';
import { delimitedSerializer } from './tabular-cell.js';
import { removeIllegalChars, untouchedBy } from './text-clean.js';
import { mayBeFormula, neutralizeFormula } from './formula-cells.js';

const NEEDS_QUOTES = /[",\r\n]/;
const untouched = untouchedBy('",\\r\\n');
/** Space or tab at either end: quoted so that readers that trim unquoted fields keep them. */
const edgeSpace = (v: string): boolean => {
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(v.length - 1);
  return a === 32 || a === 9 || b === 32 || b === 9;
};
const QUOTE = /"/g;

/**
 * RFC 4180 CSV: a header row from ctx.columns, fields quoted only when they hold a quote, the
 * delimiter, a line break or edge whitespace; quotes doubled. Lines end with LF, which every channel
 * accepts (RFC 4180's CRLF is allowed with `options.eol`).
 *
 * Options:
 * - `eol`: line terminator; default `\n`.
 * - `formulaGuard`: prefix `'` to formula cells (src/serializers/formula-cells.ts) and quote cells
 *   holding `;`, so that a spreadsheet that splits on `;` (the German Excel) cannot start a formula
 *   cell inside one; default false, because channels read feeds as data and the prefix would change
 *   titles such as "-20% sale" there. The feed's `neutralize_formulas` sets it.
 */
export function createCsvSerializer(ctx: SerializerContext): Serializer {
  const eol = typeof ctx.options?.eol === 'string' ? ctx.options.eol : '\n';
  const guard = ctx.options?.formulaGuard === true;
  const cellOf = (raw: string): string => {
    if (untouched(raw) && !edgeSpace(raw) && !(guard && (mayBeFormula(raw) || raw.includes(';')))) return raw;
    let v = removeIllegalChars(raw);
    if (guard) v = neutralizeFormula(v);
    return NEEDS_QUOTES.test(v) || edgeSpace(v) || (guard && v.includes(';')) ? `"${v.replace(QUOTE, '""')}"` : v;
  };
  return delimitedSerializer(ctx.columns, cellOf, ',', eol);
}
