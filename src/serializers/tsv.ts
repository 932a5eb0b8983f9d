import type { FeedRecord } from '../channels/define-channel.js';
import type { Serializer, SerializerContext } from './serializer.js';
import { flattenValue } from './tabular-cell.js';
import { lastCallForLong } from '../util/last-call.js';
import { removeIllegalChars, untouchedBy } from './text-clean.js';

const BREAKS = /[\t\r\n]/;
const untouched = untouchedBy('\\t\\r\\n');
const BREAKS_G = /\r\n|[\t\r\n]/g;

/**
 * Tab-separated values as Google Merchant Center reads them: no quoting exists, so tabs and line
 * breaks inside values become single spaces. Quotes are written as they are. Lines end with LF.
 */
export function createTsvSerializer(ctx: SerializerContext): Serializer {
  const cellOf = (raw: string): string => {
    if (untouched(raw)) return raw;
    const v = removeIllegalChars(raw);
    return BREAKS.test(v) ? v.replace(BREAKS_G, ' ') : v;
  };
  const remembered = lastCallForLong(cellOf);
  const cell = (raw: string): string => (raw === '' ? raw : remembered(raw));
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
