import type { Serializer, SerializerContext } from './serializer.js';
import { delimitedSerializer } from './tabular-cell.js';
import { quotedCell } from './quoted-cell.js';

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
  const cell = quotedCell(',', { formulaGuard: ctx.options?.formulaGuard === true, quoteSemicolons: true });
  return delimitedSerializer(ctx.columns, cell, ',', eol);
}
