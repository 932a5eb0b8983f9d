import { rfc3339Interval, shippingRows, shippingText } from '../../channels/common/api-values.js';
import { error, type Issue } from '../../issues/issue.js';
import { textOf, textsOf, type FeedItem } from '../../transports/read-feed-records.js';

/** Text attributes of Pinterest's ItemAttributesRequest, named as in the feed. */
const TEXT = [
  'title', 'description', 'link', 'mobile_link', 'price', 'sale_price', 'availability', 'condition', 'brand',
  'gtin', 'mpn', 'item_group_id', 'color', 'size', 'size_type', 'size_system', 'gender', 'age_group', 'material', 'pattern',
  'google_product_category', 'product_type', 'shipping_weight', 'tax', 'free_shipping_limit', 'custom_label_0',
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
  const bad = (field: string, value: string, expected: string) =>
    error('api.pinterest.value', `${field} "${value}" is not ${expected}; the item was not sent`, { id, field, fix: 'Build the feed again; if it persists, correct the catalog value.' });
  // Pinterest reads the period as start/end in ISO 8601: both sides as full timestamps.
  const period = textOf(item, 'sale_price_effective_date');
  if (period) {
    const p = rfc3339Interval(period);
    if (!p) return bad('sale_price_effective_date', period, 'an ISO 8601 interval start/end');
    attributes.sale_price_effective_date = `${p.start}/${p.end}`;
  }
  // Pinterest's shipping is one text group `country:region:service:price` (an XML feed has sub-elements).
  const rows = shippingRows(item);
  if (rows.length) attributes.shipping = rows.map(shippingText).join(',');
  return { id, body: { item_id: id, attributes } };
}

/** `ItemValidationEvent`: an error or warning of one item, its attribute and Pinterest's numeric code. */
export interface ValidationEvent {
  attribute?: string;
  message?: string;
  code?: number;
}

/** `ItemProcessingRecord` of a batch status. */
export interface ProcessingRecord {
  item_id?: string;
  status?: 'SUCCESS' | 'FAILURE' | 'PROCESSING';
  errors?: ValidationEvent[];
  warnings?: ValidationEvent[];
}

/** `CatalogsRetailItemsBatch`: a batch's state and, once processed, a record per item. */
export interface ItemsBatchAnswer {
  batch_id?: string;
  status?: 'PROCESSING' | 'COMPLETED' | 'FAILED';
  items?: ProcessingRecord[];
}

/** The message of a failed record: its errors, attribute by attribute. */
export function recordMessage(r: ProcessingRecord): string {
  const parts = (r.errors ?? []).map((e) => (e.attribute ? `${e.attribute}: ${e.message ?? 'invalid'}` : (e.message ?? 'invalid')));
  return parts.join('; ') || 'rejected without a reason';
}
