import { ShelfcastError } from '../issues/issue.js';
import { createAmazonListingsSerializer } from '../channels/amazon/amazon-listings.js';
import { createEbayInventorySerializer } from '../channels/ebay/ebay-inventory.js';
import { createCsvSerializer } from './csv.js';
import { createJsonSerializer, createNdjsonSerializer } from './json.js';
import { createRssSerializer } from './rss.js';
import type { Serializer, SerializerContext } from './serializer.js';
import { createTsvSerializer } from './tsv.js';

export type { DocumentWriter, Serializer, SerializerContext } from './serializer.js';
export { documentWriter } from './serializer.js';
export { GOOGLE_NS } from './rss.js';
export { escapeXml } from './xml-escape.js';
export { removeIllegalChars } from './text-clean.js';

/** A fresh streaming serializer for the format's serializer id (`rss`, `csv`, `tsv`, `json`, `ndjson`). */
export function createSerializer(ctx: SerializerContext): Serializer {
  switch (ctx.format.serializer) {
    case 'rss':
      return createRssSerializer(ctx);
    case 'csv':
      return createCsvSerializer(ctx);
    case 'tsv':
      return createTsvSerializer(ctx);
    case 'json':
      return createJsonSerializer();
    case 'ndjson':
      return createNdjsonSerializer();
    case 'amazon-listings':
      return createAmazonListingsSerializer(ctx);
    case 'ebay-inventory':
      return createEbayInventorySerializer(ctx);
    default:
      throw new ShelfcastError(
        `No serializer "${ctx.format.serializer}" for format "${ctx.format.id}": this build writes rss, csv, tsv, json, ndjson, amazon-listings and ebay-inventory.`,
      );
  }
}
