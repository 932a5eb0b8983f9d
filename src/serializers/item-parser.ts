import type { SerializerId } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import { jsonItemParser } from './json-item-parser.js';
import { rssItemParser } from './rss-item-parser.js';
import { csvItemParser, quotedTsvItemParser, tsvItemParser } from './tabular-item-parser.js';

/** A written item read back: field -> text, a list of texts (repeated fields) or nested objects. */
export type ParsedItem = Record<string, unknown>;

/**
 * Reads the text a serializer wrote for one item back into fields, so `plan` can compare a
 * published item with the next one field by field. Both texts come from shelfcast's serializers.
 */
export interface ItemParser {
  /** The item's own text, without what only separates it from the item before (`,\n` in a JSON array). */
  body(text: string): string;
  /** The item's fields; throws (a plain Error) when the text is not an item of this format. */
  parse(text: string): ParsedItem;
}

/**
 * The item parser for serializer `id`, in a document that starts with `header` (what the
 * serializer's header() wrote: CSV and TSV read their column names from it).
 */
export function createItemParser(id: SerializerId, header: string): ItemParser {
  switch (id) {
    case 'rss':
      return rssItemParser;
    case 'csv':
      return csvItemParser(header);
    case 'tsv':
      return tsvItemParser(header);
    case 'tsv-quoted':
      return quotedTsvItemParser(header);
    case 'json':
    case 'ndjson':
      return jsonItemParser;
    default:
      // A channel's own writer writes a JSON document of one object per item (see SerializerId).
      if (/^[a-z][a-z0-9-]*$/.test(id)) return jsonItemParser;
      throw new ShelfcastError(`No item parser for serializer "${id}": plan reads rss, csv, tsv, json, ndjson and the channels' own JSON documents.`);
  }
}
