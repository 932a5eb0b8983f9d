import type { FeedRecord } from '../channels/define-channel.js';
import type { Serializer } from './serializer.js';

/**
 * One JSON array, written item by item so that the feed is never held in memory. JSON.stringify
 * escapes control characters and lone surrogates, so the output is always valid JSON.
 */
export function createJsonSerializer(): Serializer {
  let count = 0;
  return {
    header: () => '[',
    item: (record: FeedRecord) => (count++ === 0 ? '\n' : ',\n') + JSON.stringify(record),
    footer: () => (count === 0 ? ']\n' : '\n]\n'),
  };
}

/** Newline-delimited JSON: one record per line, no enclosing array. */
export function createNdjsonSerializer(): Serializer {
  return {
    header: () => '',
    item: (record: FeedRecord) => `${JSON.stringify(record)}\n`,
    footer: () => '',
  };
}
