import { rfc3339Interval, shippingRows, weightOf } from '../../channels/common/api-values.js';
import { error, type Issue } from '../../issues/issue.js';
import { parsePrice, textOf, textsOf, type FeedItem } from '../../transports/read-feed-records.js';

/**
 * Feed fields Meta's items_batch takes for PRODUCT_ITEM as they are (its catalog feed names). The
 * sale period, shipping, shipping weight and quantity take ProductItem's own shapes (below).
 */
const FIELDS = [
  'title', 'description', 'availability', 'condition', 'price', 'sale_price', 'link', 'image_link', 'brand',
  'gtin', 'mpn', 'item_group_id', 'color', 'size', 'gender', 'age_group', 'material', 'pattern', 'google_product_category',
  'fb_product_category', 'product_type', 'custom_label_0', 'custom_label_1', 'custom_label_2',
  'custom_label_3', 'custom_label_4', 'rich_text_description', 'short_description', 'origin_country', 'status',
] as const;

/**
 * Feed fields an items_batch request cannot carry, with the reason (the parity test holds every
 * other field of the feed to its value in the request).
 */
export const META_NOT_CARRIED: Record<string, string> = {
  'shipping.min_handling_time': 'ProductItemShipping has no handling or transit times',
  'shipping.max_handling_time': 'ProductItemShipping has no handling or transit times',
  'shipping.min_transit_time': 'ProductItemShipping has no handling or transit times',
  'shipping.max_transit_time': 'ProductItemShipping has no handling or transit times',
  'shipping.postal_code': 'ProductItemShipping has a region but no postal code: rows for a postal code are left out rather than widened to the country',
};

/** ProductItem_shipping_weight_unit. */
const WEIGHT_UNITS = new Set(['g', 'kg', 'lb', 'oz']);

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
  const bad = (field: string, value: string, expected: string) =>
    error('api.meta.value', `${field} "${value}" is not ${expected}; the item was not sent`, { id, field, fix: 'Build the feed again; if it persists, correct the catalog value.' });
  // ProductItem has no sale_price_effective_date: the period is sale_price_start_date and _end_date.
  const period = textOf(item, 'sale_price_effective_date');
  if (period) {
    const p = rfc3339Interval(period);
    if (!p) return bad('sale_price_effective_date', period, 'an ISO 8601 interval start/end');
    data.sale_price_start_date = p.start;
    data.sale_price_end_date = p.end;
  }
  const quantity = textOf(item, 'quantity_to_sell_on_facebook');
  if (quantity !== undefined) data.quantity_to_sell_on_facebook = Number(quantity);
  // Shipping rows as ProductItemShipping objects, the weight as value and unit.
  const shipping = [];
  for (const row of shippingRows(item)) {
    if (row.postal_code) continue;
    const price = parsePrice(row.price);
    if (!price) return bad('shipping', row.price, 'a price such as "4.95 USD"');
    shipping.push({
      ...(row.country ? { shipping_country: row.country } : {}),
      ...(row.region ? { shipping_region: row.region } : {}),
      ...(row.service ? { shipping_service: row.service } : {}),
      shipping_price_value: Number(`${price.units}.${price.fraction || '0'}`),
      shipping_price_currency: price.currency,
    });
  }
  if (shipping.length) data.shipping = shipping;
  const weightText = textOf(item, 'shipping_weight');
  if (weightText) {
    const w = weightOf(weightText);
    if (!w || !WEIGHT_UNITS.has(w.unit)) return bad('shipping_weight', weightText, 'a weight in g, kg, lb or oz');
    data.shipping_weight_value = w.value;
    data.shipping_weight_unit = w.unit;
  }
  return { id, body: data };
}

/** One entry of the `errors` or `warnings` list of check_batch_request_status. */
export interface MetaBatchError {
  line?: number;
  id?: string;
  retailer_id?: string;
  message?: string;
}

/**
 * A check_batch_request_status answer (CheckBatchRequestStatus: errors and warnings are samples,
 * ids_of_invalid_requests lists every refused retailer id when load_ids_of_invalid_requests=true).
 */
export interface BatchStatusAnswer {
  data?: Array<{
    handle?: string;
    status?: string;
    errors?: MetaBatchError[];
    errors_total_count?: number;
    warnings?: MetaBatchError[];
    warnings_total_count?: number;
    ids_of_invalid_requests?: string[];
  }>;
}

/** States before `finished` (Meta: scheduled, dispatched, started; older answers say in_progress). */
export const BATCH_RUNNING = new Set(['scheduled', 'dispatched', 'started', 'in_progress']);

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
