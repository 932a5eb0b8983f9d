import type { ItemParser, ParsedItem } from './item-parser.js';

/** The `,` and line break a JSON array writes before an item, and the line end after an NDJSON line. */
const SEPARATOR = /^\s*,?\s*/;

/**
 * Items of the JSON formats (json, ndjson and the channels' own JSON documents): one object each, after
 * the separator the array writes before it.
 */
export const jsonItemParser: ItemParser = {
  body: (text) => text.replace(SEPARATOR, '').trimEnd(),
  parse(text): ParsedItem {
    const value = JSON.parse(jsonItemParser.body(text)) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as ParsedItem;
  },
};
