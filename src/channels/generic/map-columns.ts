import type { FeedRecord, FeedTarget, MapContext, MapResult } from '../define-channel.js';
import { cachedOptions, itemIssues, limitText, priceForFeed } from '../common/index.js';
import type { Product } from '../../product/product.js';
import { isListField, isMoneyField, readField } from './canonical-fields.js';
import { genericOptionsSchema, type ColumnOption } from './column-options.js';

export interface GenericMapSettings {
  /** Channel id, the first part of issue codes. */
  channel: string;
  /** Separator for list fields without `join`; undefined keeps them as arrays (JSON). */
  defaultJoin?: string;
}

/** A column name as the middle part of a stable issue code: `Product Name` -> `product_name`. */
const codePart = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || 'column';

const parseOptions = cachedOptions(genericOptionsSchema);
const columnsOf = (feed: FeedTarget): ColumnOption[] => parseOptions(feed.options).columns;

/** Column names in order, for the tabular serializers. */
export const genericColumns = (feed: FeedTarget): string[] => columnsOf(feed).map((c) => c.name);

/**
 * The record of a generic feed: one entry per declared column. When a column reads a money field,
 * prices follow the shared feed-currency rule (priceForFeed); empty required columns exclude the
 * item; text over a column's `limit` is cut at a word boundary with a warning.
 */
export function mapColumns(product: Product, ctx: MapContext, settings: GenericMapSettings): MapResult {
  const out = itemIssues(settings.channel, product, ctx);
  const record: FeedRecord = {};
  const columns = columnsOf(ctx.feed);
  // Prices go through the shared feed-currency rule only when a column reads one, so that a feed
  // without price columns never excludes an unpriced item.
  let priced: Product = product;
  if (product.price && columns.some((c) => c.field !== undefined && isMoneyField(c.field))) {
    const prices = priceForFeed(product, ctx.feed, out);
    if (!prices) return { issues: out.list };
    priced = { ...product, ...prices, sale_price: prices.sale_price, sale_price_effective_date: prices.sale_price_effective_date };
  }
  for (const col of columns) {
    if (col.value !== undefined) {
      record[col.name] = col.value;
      continue;
    }
    const field = col.field!;
    let value = readField(priced, field, col.format);
    if (Array.isArray(value) && (!isListField(field) || col.join !== undefined || settings.defaultJoin !== undefined)) {
      value = value.join(col.join ?? settings.defaultJoin ?? ',');
    }
    if (typeof value === 'string' && col.limit !== undefined) value = limitText(value, col.limit, codePart(col.name), out);
    if (col.required && (value === undefined || value.length === 0)) {
      out.error(codePart(col.name), 'missing', `column "${col.name}" (${field}) is required but empty; the item is left out of the feed.`, {
        field,
        fix: `Fill in ${field} for this item.`,
      });
      continue;
    }
    // An absent list stays a list in JSON, so each key keeps one type across items.
    record[col.name] = value ?? (isListField(field) && !Array.isArray(value) && col.join === undefined && settings.defaultJoin === undefined ? [] : '');
  }
  return out.failed ? { issues: out.list } : { record, issues: out.list };
}
