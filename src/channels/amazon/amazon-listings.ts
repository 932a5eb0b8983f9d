import type { FeedRecord } from '../define-channel.js';
import { amazonOptionsSchema } from './listing-options.js';
import { FALLBACK_MESSAGE_ID_BASE, rowOfMessage } from './message-ids.js';
import { ShelfcastError } from '../../issues/issue.js';
import { arrayLead } from '../../serializers/json.js';
import type { Serializer, SerializerContext } from '../../serializers/serializer.js';

/**
 * JSON_LISTINGS_FEED v2 documents. Every part the pipeline writes (header .. footer) is a complete
 * document. messageId is the record's catalog row, so that a processing-report line names its row;
 * when a row repeats inside one document (several catalog files), a fresh id above every row is used.
 * The attributes / patches arrive as JSON text from the amazon channel and are embedded unchanged.
 * The message id depends on the other messages of the same document, so lead() writes it (with the
 * separating comma) and body() the rest of the message.
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
    header: () => `{"header":${header},"messages":[`,
    lead(index, row) {
      if (index === 0) {
        used = new Set();
        fallback = FALLBACK_MESSAGE_ID_BASE - 1;
      }
      let id = row;
      if (rowOfMessage(id) === undefined || used.has(id)) {
        while (used.has(++fallback));
        id = fallback;
      }
      used.add(id);
      return `${arrayLead(index)}{"messageId":${id},`;
    },
    body(record: FeedRecord) {
      let m = `"sku":${JSON.stringify(str(record.sku, 'sku'))},"operationType":${JSON.stringify(str(record.operationType, 'operationType'))}`;
      if (typeof record.productType === 'string') m += `,"productType":${JSON.stringify(record.productType)}`;
      if (typeof record.attributes === 'string') m += `,"attributes":${record.attributes}`;
      if (typeof record.patches === 'string') m += `,"patches":${record.patches}`;
      return `${m}}`;
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
