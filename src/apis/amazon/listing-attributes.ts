import { limitText, plainText, type ItemIssues } from '../../channels/common/index.js';
import { formatAmount } from '../../product/money-format.js';
import type { Money, Product } from '../../product/product.js';
import { conditionType, type AmazonOptions } from './listing-options.js';

/**
 * Canonical product -> Amazon listing attributes (Product Type Definitions vocabulary). Every
 * attribute is an array of objects scoped to the marketplace, and text carries its language tag.
 */
export type Attributes = Record<string, Array<Record<string, unknown>>>;

/** Amazon limits (characters) of text attributes common to all product types. */
export const AMAZON_LIMITS = { item_name: 200, product_description: 2000, bullet_point: 500, brand: 100, sku: 40 } as const;
const MAX_BULLETS = 5;
const MAX_OTHER_IMAGES = 8;

/** Money as a JSON number with the currency's exact decimals (19.99, never 19.990000001). */
const amount = (m: Money): number => Number(formatAmount(m));

export function gtinType(gtin: string): 'upc' | 'ean' | 'gtin' | undefined {
  if (gtin.length === 12) return 'upc';
  if (gtin.length === 13 || gtin.length === 8) return 'ean';
  if (gtin.length === 14) return 'gtin';
  return undefined;
}

export interface OfferInput {
  price: Money;
  sale_price?: Money;
  sale_price_effective_date?: string;
}

export function offerAttribute(o: OfferInput, opts: AmazonOptions): Array<Record<string, unknown>> {
  const offer: Record<string, unknown> = {
    marketplace_id: opts.marketplaceId,
    currency: o.price.currency,
    our_price: [{ schedule: [{ value_with_tax: amount(o.price) }] }],
  };
  if (o.sale_price) {
    const schedule: Record<string, unknown> = { value_with_tax: amount(o.sale_price) };
    const [start, end] = (o.sale_price_effective_date ?? '').split('/');
    if (start) schedule.start_at = start;
    if (end) schedule.end_at = end;
    offer.discounted_price = [{ schedule: [schedule] }];
  }
  return [offer];
}

/** fulfillment_availability, or undefined (with a warning) when no quantity can be given. */
export function availabilityAttribute(p: Product, opts: AmazonOptions, out: ItemIssues): Array<Record<string, unknown>> | undefined {
  let quantity = p.quantity;
  if (quantity === undefined && p.availability === 'out_of_stock') quantity = 0;
  quantity ??= opts.default_quantity;
  if (quantity === undefined) {
    out.warn('quantity', 'missing', 'No quantity: Amazon needs a number, so fulfillment_availability was left out.', {
      fix: 'Fill in quantity, or set options.default_quantity.',
    });
    return undefined;
  }
  return [{ fulfillment_channel_code: opts.fulfillment_channel_code, quantity: Math.max(0, Math.trunc(quantity)) }];
}

/** Bullet points: `bullet_point_1..5` (or `bullet_point`, `|`-separated) columns, else the first description sentences. */
export function bulletPoints(p: Product, description: string | undefined): string[] {
  const explicit: string[] = [];
  for (let i = 1; i <= MAX_BULLETS; i++) {
    const v = p.extra[`bullet_point_${i}`]?.trim();
    if (v) explicit.push(v);
  }
  const joined = p.extra.bullet_point ?? p.extra.bullet_points;
  if (explicit.length === 0 && joined) explicit.push(...joined.split('|').map((s) => s.trim()).filter(Boolean));
  if (explicit.length > 0) return explicit.slice(0, MAX_BULLETS);
  if (!description) return [];
  const sentences = description.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]+(?=\s|$)|[^.!?]+$/g) ?? [];
  return sentences.map((s) => s.trim()).filter((s) => s.length >= 3).slice(0, MAX_BULLETS);
}

/** The full attribute set of an UPDATE / PARTIAL_UPDATE message. */
export function listingAttributes(p: Product, offer: OfferInput | undefined, opts: AmazonOptions, out: ItemIssues): Attributes {
  const mp = opts.marketplaceId;
  const lang = opts.languageTag ?? opts.issueLocale;
  const text = (value: string | undefined) => (value === undefined ? undefined : [{ value, language_tag: lang, marketplace_id: mp }]);
  const a: Attributes = {};
  const put = (name: string, v: Array<Record<string, unknown>> | undefined) => {
    if (v !== undefined && v.length > 0) a[name] = v;
  };
  put('item_name', text(limitText(p.title, AMAZON_LIMITS.item_name, 'title', out)));
  put('brand', text(limitText(p.brand, AMAZON_LIMITS.brand, 'brand', out)));
  if (p.gtin) {
    const type = gtinType(p.gtin);
    if (type) put('externally_assigned_product_identifier', [{ type, value: p.gtin, marketplace_id: mp }]);
    else out.warn('gtin', 'invalid_length', `GTIN ${p.gtin} has ${p.gtin.length} digits; Amazon takes 8, 12, 13 or 14, so it was left out.`);
  } else if (p.identifier_exists === false) {
    put('supplier_declared_has_product_identifier_exemption', [{ value: true, marketplace_id: mp }]);
  }
  if (p.mpn) put('part_number', [{ value: p.mpn, marketplace_id: mp }]);
  put('condition_type', [{ value: conditionType(p.condition, opts), marketplace_id: mp }]);
  const description = limitText(plainText(p.description), AMAZON_LIMITS.product_description, 'description', out);
  put('product_description', text(description));
  put('bullet_point', bulletPoints(p, description).map((b) => ({ value: b.slice(0, AMAZON_LIMITS.bullet_point), language_tag: lang, marketplace_id: mp })));
  put('color', text(p.color));
  put('size', text(p.size));
  put('material', text(p.material));
  put('pattern', text(p.pattern));
  if (p.image_link) put('main_product_image_locator', [{ media_location: p.image_link, marketplace_id: mp }]);
  if (p.additional_image_link.length > MAX_OTHER_IMAGES) {
    out.warn('additional_image_link', 'too_many', `${p.additional_image_link.length} additional images; Amazon takes ${MAX_OTHER_IMAGES}, the rest were left out.`);
  }
  p.additional_image_link.slice(0, MAX_OTHER_IMAGES).forEach((url, i) => put(`other_product_image_locator_${i + 1}`, [{ media_location: url, marketplace_id: mp }]));
  if (offer) put('purchasable_offer', offerAttribute(offer, opts));
  put('fulfillment_availability', availabilityAttribute(p, opts, out));
  return a;
}
