import type { FeedRecord, FieldValue } from '../define-channel.js';
import { limitImages } from './images.js';
import type { ItemIssues } from './item-issues.js';

/**
 * For values that cannot be shortened without changing what they point at (ids, URLs, group ids):
 * over `limit` UTF-16 units is an error `<channel>.<field>.too_long` that excludes the item.
 * Returns the value when it fits, else undefined.
 */
export function exactLimit(value: string | undefined, limit: number, field: string, out: ItemIssues): string | undefined {
  if (value === undefined || value.length <= limit) return value;
  out.error(field, 'too_long', `${field} has ${value.length} characters; ${out.channel} allows ${limit} and it cannot be shortened, so the item is left out.`, {
    fix: `Use a ${field} of at most ${limit} characters.`,
  });
  return undefined;
}

/**
 * Additional image links without those over `limit` (dropped with a warning
 * `<channel>.additional_image_link.too_long`) and past `max` (limitImages): extra images are
 * optional, so the item stays.
 */
export function limitImageLinks(urls: readonly string[], limit: number, max: number, out: ItemIssues): string[] {
  // Nearly every link fits: filter (and copy) only when one does not.
  const kept = urls.every((u) => u.length <= limit) ? urls : urls.filter((u) => u.length <= limit);
  if (kept.length < urls.length) {
    out.warn('additional_image_link', 'too_long', `${urls.length - kept.length} additional image link(s) exceed ${limit} characters and were left out.`);
  }
  return limitImages(kept, max, out);
}

/** Whether a record keeps `v`: absent and empty values are left out (serializers write those as empty). */
export const filled = (v: FieldValue | undefined): v is FieldValue => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/** A record in the given field order without absent or empty values; see recordPicker for a fixed field list. */
export function compactRecord(fields: Record<string, FieldValue | undefined>): FeedRecord {
  const record: FeedRecord = {};
  for (const key in fields) {
    const v = fields[key];
    if (filled(v)) record[key] = v;
  }
  return record;
}
