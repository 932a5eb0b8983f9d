import type { FeedRecord } from '../channels/define-channel.js';
import type { Serializer, SerializerContext } from './serializer.js';
import { flattenValue } from './tabular-cell.js';
import { isWellFormed } from '../product/text.js';
import { lastCall } from '../util/last-call.js';
import { LONG_CELL } from './tabular-cell.js';
import { removeIllegalChars } from './text-clean.js';

const BREAKS = /[\t\r\n]/;
/** A tab, a line break or a character XML forbids: one scan tells most cells need none of it. */
const NEEDS_WORK = /[\t\r\n\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const BREAKS_G = /\r\n|[\t\r\n]/g;

/**
 * Tab-separated values as Google Merchant Center reads them: no quoting exists, so tabs and line
 * breaks inside values become single spaces. Quotes are written as they are. Lines end with LF.
 */
export function createTsvSerializer(ctx: SerializerContext): Serializer {
  const cellOf = (raw: string): string => {
    if (!NEEDS_WORK.test(raw) && isWellFormed(raw)) return raw;
    const v = removeIllegalChars(raw);
    return BREAKS.test(v) ? v.replace(BREAKS_G, ' ') : v;
  };
  // Long cells (descriptions) are often the last one again: the next variant of the product.
  const longCell = lastCall(cellOf);
  const cell = (raw: string): string => (raw === '' ? raw : raw.length >= LONG_CELL ? longCell(raw) : cellOf(raw));
  const columns = ctx.columns;
  return {
    header: () => columns.map(cell).join('\t') + '\n',
    body(record: FeedRecord): string {
      let out = '';
      for (let i = 0; i < columns.length; i++) {
        if (i > 0) out += '\t';
        out += cell(flattenValue(record[columns[i]!]));
      }
      return out + '\n';
    },
    footer: () => '',
  };
}
