import type { FeedRecord } from '../channels/define-channel.js';
import type { Serializer } from './serializer.js';

/** Before each element of a JSON array written one per line: a newline, and a comma after the first. */
export const arrayLead = (index: number): string => (index === 0 ? '\n' : ',\n');

/**
 * One JSON array, written item by item so that the feed is never held in memory. JSON.stringify
 * escapes control characters and lone surrogates, so the output is always valid JSON.
 */
export function createJsonSerializer(): Serializer {
  return {
    header: () => '[',
    body: (record: FeedRecord) => JSON.stringify(record),
    lead: arrayLead,
    footer: (items) => (items === 0 ? ']\n' : '\n]\n'),
  };
}

/** Newline-delimited JSON: one record per line, no enclosing array. */
export function createNdjsonSerializer(): Serializer {
  return {
    header: () => '',
    body: (record: FeedRecord) => `${JSON.stringify(record)}\n`,
    footer: () => '',
  };
}
