import { htmlToText, looksLikeHtml } from '../../util/html-to-text.js';
import { lastCall } from '../../util/last-call.js';
import { truncateAtWord } from '../../util/truncate.js';
import type { ItemIssues } from './item-issues.js';

/**
 * `value` cut to `limit` UTF-16 units at a word boundary, with a `<channel>.<field>.too_long`
 * warning naming both lengths; undefined stays undefined.
 */
export function limitText(value: string | undefined, limit: number, field: string, out: ItemIssues): string | undefined {
  if (value === undefined || value.length <= limit) return value;
  const cut = truncateAtWord(value, limit);
  out.warn(field, 'too_long', `${field} has ${value.length} characters; ${out.channel} allows ${limit}, so it was cut to ${cut.length}.`, { fix: `Shorten ${field} to at most ${limit} characters.` });
  return cut;
}

/** Plain text for channels that forbid markup: tags dropped, paragraph breaks kept, entities decoded once. */
export const plainText = (value: string | undefined): string | undefined => (value === undefined ? undefined : plainTextOf(value));

/** Every feed converts the same description in turn, and variants share theirs: the last one is remembered. */
const plainTextOf = lastCall((value: string): string | undefined => {
  const text = looksLikeHtml(value) ? htmlToText(value) : value;
  return text === '' ? undefined : text;
});

export { looksLikeHtml };
