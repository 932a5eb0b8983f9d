import { error, type Issue } from '../../issues/issue.js';
import { textOf, textsOf, type FeedItem } from '../../transports/read-feed-records.js';

/** Feed fields Meta's items_batch takes for PRODUCT_ITEM (its catalog feed names). */
const FIELDS = [
  'title', 'description', 'availability', 'condition', 'price', 'sale_price', 'sale_price_effective_date', 'link', 'image_link', 'brand',
  'gtin', 'mpn', 'item_group_id', 'color', 'size', 'gender', 'age_group', 'material', 'pattern', 'google_product_category',
  'fb_product_category', 'product_type', 'quantity_to_sell_on_facebook', 'custom_label_0', 'custom_label_1', 'custom_label_2',
  'custom_label_3', 'custom_label_4', 'rich_text_description', 'short_description', 'origin_country', 'status',
] as const;

/** Meta writes availability with spaces (`in stock`); feeds may carry Google's `in_stock`. */
const spaced = (s: string): string => s.replace(/_/g, ' ');

/** A feed item as the `data` of one items_batch request. */
export function toMetaItem(item: FeedItem): { id: string; body: Record<string, unknown> } | Issue {
  const id = textOf(item, 'id');
  if (!id) return error('api.meta.no_id', 'an item of the built feed has no id; it cannot be sent');
  const data: Record<string, unknown> = { id };
  for (const f of FIELDS) {
    const v = textOf(item, f);
    if (v !== undefined) data[f] = f === 'availability' ? spaced(v) : v;
  }
  const images = textsOf(item, 'additional_image_link');
  if (images.length) data.additional_image_link = images.join(',');
  return { id, body: data };
}

/** One entry of the `errors` list of check_batch_request_status. */
export interface MetaBatchError {
  line?: number;
  id?: string;
  retailer_id?: string;
  message?: string;
}

/**
 * Matches Meta's batch errors back to items: by id when given, else by `line` (the 0-based
 * position of the request in the batch). Returns id -> message.
 */
export function matchBatchErrors(errors: MetaBatchError[], ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of errors) {
    const id = e.id ?? e.retailer_id ?? (typeof e.line === 'number' ? ids[e.line] : undefined);
    if (id !== undefined) out.set(id, out.has(id) ? `${out.get(id)}; ${e.message ?? 'rejected'}` : (e.message ?? 'rejected'));
  }
  return out;
}
