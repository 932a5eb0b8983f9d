import { rfc3339, rfc3339Interval, shippingRows, weightOf } from '../../channels/common/api-values.js';
import { error, type Issue } from '../../issues/issue.js';
import { parsePrice, textOf, textsOf, type FeedItem } from '../../transports/read-feed-records.js';

/** `google.shopping.type.Price` in JSON: micros as a decimal string (int64), ISO 4217 code. */
export function toPrice(text: string | undefined): { amountMicros: string; currencyCode: string } | undefined {
  const p = parsePrice(text);
  if (!p) return undefined;
  const micros = BigInt(p.units) * 1_000_000n + BigInt((p.fraction + '000000').slice(0, 6));
  return { amountMicros: micros.toString(), currencyCode: p.currency };
}

/** Feed values (`in stock`, `in_stock`) to the proto enum names (`IN_STOCK`). */
const enumOf = (text: string | undefined): string | undefined => (text ? text.trim().toUpperCase().replace(/[\s-]+/g, '_') : undefined);

const TEXT_FIELDS: Array<[string, string]> = [
  ['title', 'title'], ['description', 'description'], ['link', 'link'], ['mobile_link', 'mobileLink'], ['image_link', 'imageLink'],
  ['brand', 'brand'], ['color', 'color'], ['mpn', 'mpn'], ['item_group_id', 'itemGroupId'], ['material', 'material'], ['pattern', 'pattern'],
  ['size', 'size'], ['google_product_category', 'googleProductCategory'], ['custom_label_0', 'customLabel0'], ['custom_label_1', 'customLabel1'],
  ['custom_label_2', 'customLabel2'], ['custom_label_3', 'customLabel3'], ['custom_label_4', 'customLabel4'],
];
const ENUM_FIELDS: Array<[string, string]> = [['availability', 'availability'], ['condition', 'condition'], ['gender', 'gender'], ['age_group', 'ageGroup']];

/**
 * A feed item (Google product data vocabulary) as a Merchant API v1 ProductInput, in the JSON
 * names of productinputs.proto / products_common.proto.
 */
export function toProductInput(item: FeedItem, target: { contentLanguage: string; feedLabel: string }): { id: string; body: Record<string, unknown> } | Issue {
  const offerId = textOf(item, 'id');
  if (!offerId) return error('api.google-merchant.no_id', 'an item of the built feed has no id; it cannot be sent');
  const attrs: Record<string, unknown> = {};
  for (const [field, name] of TEXT_FIELDS) {
    const v = textOf(item, field);
    if (v !== undefined) attrs[name] = v;
  }
  for (const [field, name] of ENUM_FIELDS) {
    const v = enumOf(textOf(item, field));
    if (v !== undefined) attrs[name] = v;
  }
  const images = textsOf(item, 'additional_image_link');
  if (images.length) attrs.additionalImageLinks = images;
  const gtins = textsOf(item, 'gtin');
  if (gtins.length) attrs.gtins = gtins;
  // product_type holds commas of its own (`Home > Kitchen, Mugs`): only a repeated field makes several.
  const types = Array.isArray(item.product_type) ? textsOf(item, 'product_type') : [textOf(item, 'product_type')].filter((t): t is string => t !== undefined);
  if (types.length) attrs.productTypes = types;
  const price = textOf(item, 'price');
  if (price !== undefined) {
    const p = toPrice(price);
    if (!p) return error('api.google-merchant.price', `price "${price}" is not in the form "15.00 USD"`, { id: offerId, field: 'price' });
    attrs.price = p;
  }
  const sale = toPrice(textOf(item, 'sale_price'));
  if (sale) attrs.salePrice = sale;
  const bad = (field: string, value: string, expected: string) =>
    error('api.google-merchant.value', `${field} "${value}" is not ${expected}; the item was not sent`, { id: offerId, field, fix: 'Build the feed again; if it persists, correct the catalog value.' });
  // Timestamps and intervals: proto3 JSON takes RFC 3339 only (a date alone is refused with 400).
  const availabilityDate = textOf(item, 'availability_date');
  if (availabilityDate) {
    const at = rfc3339(availabilityDate);
    if (!at) return bad('availability_date', availabilityDate, 'an ISO 8601 date');
    attrs.availabilityDate = at;
  }
  const saleDates = textOf(item, 'sale_price_effective_date');
  if (saleDates) {
    const period = rfc3339Interval(saleDates);
    if (!period) return bad('sale_price_effective_date', saleDates, 'an ISO 8601 interval start/end');
    attrs.salePriceEffectiveDate = { startTime: period.start, endTime: period.end };
  }
  const shipping = [];
  for (const row of shippingRows(item)) {
    const price = toPrice(row.price);
    if (!price) return bad('shipping', row.price, 'a price such as "4.95 USD"');
    shipping.push(compact({
      price, country: row.country, region: row.region, postalCode: row.postal_code, service: row.service,
      // int64 fields are strings in proto3 JSON.
      minHandlingTime: row.min_handling_time, maxHandlingTime: row.max_handling_time, minTransitTime: row.min_transit_time, maxTransitTime: row.max_transit_time,
    }));
  }
  if (shipping.length) attrs.shipping = shipping;
  const weight = textOf(item, 'shipping_weight');
  if (weight) {
    const w = weightOf(weight);
    if (!w) return bad('shipping_weight', weight, 'a number and a unit such as "0.4 kg"');
    attrs.shippingWeight = w;
  }
  const exists = textOf(item, 'identifier_exists');
  if (exists) attrs.identifierExists = !/^(no|false)$/i.test(exists);
  return {
    id: offerId,
    body: { offerId, contentLanguage: target.contentLanguage, feedLabel: target.feedLabel, productAttributes: attrs },
  };
}

/** The object without its undefined members. */
const compact = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * The `{productInput}` segment of a resource name: the unpadded base64url encoding of
 * `content_language~feed_label~offer_id` (the encoded format, which the API requires when the
 * offer id holds `/`, `%` or `~`, and recommends for every id).
 */
export function productInputSegment(contentLanguage: string, feedLabel: string, offerId: string): string {
  return Buffer.from(`${contentLanguage}~${feedLabel}~${offerId}`, 'utf8').toString('base64url');
}
