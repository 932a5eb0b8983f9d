import type { Serializer, SerializerContext } from './serializer.js';
import { delimitedSerializer } from './tabular-cell.js';
import { quotedCell } from './quoted-cell.js';

/**
 * Tab-separated values as Google Merchant Center reads them with its "Quoted fields" data-source
 * setting (on for every new data source): a value in double quotes is one attribute, tabs and line
 * breaks included, and a quote inside it is doubled (`"12"" pan"`). A value is quoted only when it
 * holds a tab, a line break, a quote or edge spaces, so the text of a feed without such values is
 * the plain TSV. Lines end with LF. `formulaGuard`: a `'` before formula cells, as in CSV.
 */
export function createQuotedTsvSerializer(ctx: SerializerContext): Serializer {
  const cell = quotedCell('\t', { formulaGuard: ctx.options?.formulaGuard === true });
  return delimitedSerializer(ctx.columns, cell, '\t', '\n');
}
