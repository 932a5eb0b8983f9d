import type { FeedRecord } from '../channels/define-channel.js';
import { amazonOptionsSchema } from '../apis/amazon/listing-options.js';
import { FALLBACK_MESSAGE_ID_BASE, rowOfMessage } from '../apis/amazon/message-ids.js';
import { ShelfcastError } from '../issues/issue.js';
import type { Serializer, SerializerContext } from './serializer.js';

/**
 * JSON_LISTINGS_FEED v2 documents. Every part the pipeline writes (header .. footer) is a complete
 * document. messageId is the record's catalog row, so that a processing-report line names its row;
 * when a row repeats inside one document (several catalog files), a fresh id above every row is used.
 * The attributes / patches arrive as JSON text from the amazon channel and are embedded unchanged.
 * item() writes the separating comma, so it depends on its place in the part: after opening a new
 * part (header()), the pipeline asks item() again for the record that opens it.
 */
export function createAmazonListingsSerializer(ctx: SerializerContext): Serializer {
  const opts = amazonOptionsSchema.safeParse(ctx.options ?? {});
  if (!opts.success) {
    throw new ShelfcastError('The amazon-listings format needs the amazon channel options sellerId and marketplaceId; set them in the feed file.', { cause: opts.error });
  }
  const header = JSON.stringify({ sellerId: opts.data.sellerId, version: '2.0', issueLocale: opts.data.issueLocale });
  let used = new Set<number>();
  let fallback = 0;
  return {
    header() {
      used = new Set();
      fallback = FALLBACK_MESSAGE_ID_BASE - 1;
      return `{"header":${header},"messages":[`;
    },
    item(record: FeedRecord) {
      let id = Number(record.row);
      if (rowOfMessage(id) === undefined || used.has(id)) {
        while (used.has(++fallback));
        id = fallback;
      }
      const first = used.size === 0;
      used.add(id);
      let m = `{"messageId":${id},"sku":${JSON.stringify(str(record.sku, 'sku'))},"operationType":${JSON.stringify(str(record.operationType, 'operationType'))}`;
      if (typeof record.productType === 'string') m += `,"productType":${JSON.stringify(record.productType)}`;
      if (typeof record.attributes === 'string') m += `,"attributes":${record.attributes}`;
      if (typeof record.patches === 'string') m += `,"patches":${record.patches}`;
      return `${first ? '\n' : ',\n'}${m}}`;
    },
    footer: () => '\n]}\n',
    // The catalog row (or a fallback number): it moves when rows are inserted above.
    locators: ['messageId'],
  };
}

function str(v: FeedRecord[string] | undefined, field: string): string {
  if (typeof v !== 'string' || v === '') throw new ShelfcastError(`amazon-listings: a record without ${field}; only the amazon channel can write this format.`);
  return v;
}
