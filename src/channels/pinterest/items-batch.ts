import { error, type Issue } from '../../issues/issue.js';
import { textOf, textsOf, type FeedItem } from '../../transports/read-feed-records.js';

/** Text attributes of Pinterest's ItemAttributesRequest, named as in the feed. */
const TEXT = [
  'title', 'description', 'link', 'mobile_link', 'price', 'sale_price', 'sale_price_effective_date', 'availability', 'condition', 'brand',
  'gtin', 'mpn', 'item_group_id', 'color', 'size', 'size_type', 'size_system', 'gender', 'age_group', 'material', 'pattern',
  'google_product_category', 'product_type', 'shipping', 'shipping_weight', 'tax', 'free_shipping_limit', 'custom_label_0',
  'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4', 'video_link',
] as const;

const spaced = (s: string): string => s.replace(/_/g, ' ');

/** A feed item as one `items[]` record of an UPSERT batch: `{ item_id, attributes }`. */
export function toPinterestItem(item: FeedItem): { id: string; body: Record<string, unknown> } | Issue {
  const id = textOf(item, 'id');
  if (!id) return error('api.pinterest.no_id', 'an item of the built feed has no id; it cannot be sent');
  const attributes: Record<string, unknown> = {};
  for (const f of TEXT) {
    const v = textOf(item, f);
    if (v !== undefined) attributes[f] = f === 'availability' ? spaced(v) : v;
  }
  const image = textOf(item, 'image_link');
  if (image) attributes.image_link = [image];
  const more = textsOf(item, 'additional_image_link');
  if (more.length) attributes.additional_image_link = more;
  return { id, body: { item_id: id, attributes } };
}

/** `ItemProcessingRecord` of a batch status. */
export interface ProcessingRecord {
  item_id?: string;
  status?: 'SUCCESS' | 'FAILURE' | 'PROCESSING';
  errors?: Array<{ attribute?: string; message?: string; code?: number }>;
}

/** The message of a failed record: its errors, attribute by attribute. */
export function recordMessage(r: ProcessingRecord): string {
  const parts = (r.errors ?? []).map((e) => (e.attribute ? `${e.attribute}: ${e.message ?? 'invalid'}` : (e.message ?? 'invalid')));
  return parts.join('; ') || 'rejected without a reason';
}
