import type { FieldValue } from '../channels/define-channel.js';
import type { Serializer, SerializerContext } from './serializer.js';
import { delimitedSerializer, subAttributes } from './tabular-cell.js';
import { quotedCell } from './quoted-cell.js';

/**
 * Tab-separated values as Google Merchant Center reads them with its "Quoted fields" data-source
 * setting (on for every new data source; support.google.com/merchants/answer/14998273): a value in
 * double quotes is one attribute, tabs and line breaks included, and a quote inside it is doubled
 * (`"12"" pan"`). A value is quoted only when it holds a tab, a line break, a quote or edge spaces,
 * so the text of a feed without such values is the plain TSV. Lines end with LF. `formulaGuard`: a
 * `'` before formula cells, as in CSV.
 *
 * Repeated attributes are one cell of values separated by commas, and "if the values also contain
 * commas, you should place the value containing commas in quotes" (same page; the
 * additional_image_link page, answer/6324370, shows `"https://…/image2,3.jpg","https://…/image2,4.jpg"`).
 * So a list is quoted value by value, never as a whole cell (a quoted cell would be one value), and
 * product_type, one string in a record but a list to Google, is quoted when it holds a comma: the
 * TSV then reads as the XML feed does, one product type per <g:product_type>.
 */
export function createQuotedTsvSerializer(ctx: SerializerContext): Serializer {
  const formulaGuard = ctx.options?.formulaGuard === true;
  const cellOf = quotedCell('\t', { formulaGuard });
  const valueOf = quotedCell(',\t', { formulaGuard });
  const listCell = (column: string, value: FieldValue | undefined): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value !== '' && STRING_LISTS.has(column) ? valueOf(value) : undefined;
    return value.map((v) => valueOf(typeof v === 'string' ? v : subAttributes(v))).join(',');
  };
  return delimitedSerializer(ctx.columns, cellOf, '\t', '\n', listCell);
}

/** Record strings Google reads as comma lists: one product type path per string. */
const STRING_LISTS: ReadonlySet<string> = new Set(['product_type']);
