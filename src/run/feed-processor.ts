import type { FeedRecord, FeedTarget } from '../channels/define-channel.js';
import type { LoadedFeed } from '../config/load.js';
import type { Issue } from '../issues/issue.js';
import type { CatalogItem } from '../product/product.js';

export interface ProcessResult {
  records: FeedRecord[];
  issues: Issue[];
  /** True when a filter rule left the item out on purpose (not an error). */
  filtered: boolean;
}

export interface FeedProcessor {
  feed: LoadedFeed;
  target: FeedTarget;
  process(item: CatalogItem, trace?: unknown[]): ProcessResult;
}

export interface FeedProcessorOptions {
  now: Date;
  /** `--only price,quantity`. */
  only?: string[];
}

export function feedTarget(feed: LoadedFeed, only?: string[]): FeedTarget {
  return {
    id: feed.id,
    format: feed.format.id,
    country: feed.config.country,
    language: feed.config.language,
    currency: feed.config.currency,
    timezone: feed.config.timezone,
    options: feed.options,
    only,
  };
}

const NONE: Issue[] = [];

/** Rules, then the channel map, for one feed: pure per item, compiled once per run. */
export function createFeedProcessor(feed: LoadedFeed, options: FeedProcessorOptions): FeedProcessor {
  const { rules } = feed;
  const ruleContext = { feed: feed.id, language: feed.config.language };
  const target = feedTarget(feed, options.only);
  const { channel } = feed;
  return {
    feed,
    target,
    process(item, trace) {
      let product = item.product;
      let ruleIssues: Issue[] = NONE;
      if (rules.count > 0 || trace) {
        const ruled = rules.apply(item.product, { ...ruleContext, row: item.row }, trace as never);
        if (!ruled.product) return { records: [], issues: ruled.issues, filtered: true };
        product = ruled.product;
        ruleIssues = ruled.issues;
      }
      const mapped = channel.map(product, { feed: target, row: item.row, now: options.now });
      const issues = ruleIssues.length ? [...ruleIssues, ...mapped.issues] : mapped.issues;
      for (const i of issues) {
        i.feed ??= feed.id;
        i.row ??= item.row;
        i.id ??= item.product.id;
      }
      const records = mapped.record === undefined ? [] : Array.isArray(mapped.record) ? mapped.record : [mapped.record];
      return { records, issues, filtered: false };
    },
  };
}
