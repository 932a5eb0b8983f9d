import { ShelfcastError } from '../../issues/issue.js';
import type { FeedTarget } from '../define-channel.js';
import type { ItemIssues } from './item-issues.js';

/**
 * The attribute groups of `--only` (`price`, `quantity`) for a marketplace feed, or undefined for
 * a full update. A group the channel cannot send alone is a usage error, not an item problem.
 */
export function onlyGroups(feed: FeedTarget, supported: readonly string[], channelTitle: string): string[] | undefined {
  const only = feed.only && feed.only.length > 0 ? feed.only : undefined;
  const unsupported = only?.filter((g) => !supported.includes(g)) ?? [];
  if (unsupported.length > 0) throw new ShelfcastError(`--only ${unsupported.join(',')}: ${channelTitle} feeds can send only ${supported.join(', ')}.`);
  return only;
}

/** Marketplaces key listings by SKU and cannot shorten one: a longer id excludes the item. */
export function checkSkuLength(sku: string, limit: number, channelTitle: string, out: ItemIssues): void {
  if (sku.length > limit) out.error('id', 'too_long', `SKU "${sku}" has ${sku.length} characters; ${channelTitle} allows ${limit}.`, { fix: 'Shorten the id.' });
}
