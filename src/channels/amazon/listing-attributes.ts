import { limitText, plainText, type ItemIssues } from '../common/index.js';
import { formatAmount } from '../../product/money-format.js';
import type { Money, Product } from '../../product/product.js';
import { lastCall, lastCall2 } from '../../util/last-call.js';
import { firstSentences, isSpace } from '../../util/sentences.js';
import { AttributesJson, entry, entryTails, member, quote } from './attribute-json.js';
import { conditionType, type AmazonOptions } from './listing-options.js';
import { brandFor, columnValues } from './listing-requirements.js';
import { productTypeDefinition } from './product-types.js';

/**
 * Canonical product -> Amazon listing attributes (Product Type Definitions vocabulary), as the JSON
 * text the feed embeds (see attribute-json.ts). Every attribute is an array of objects scoped to
 * the marketplace, and text carries its language tag.
 */

/** Amazon limits (characters) of text attributes common to all product types. */
export const AMAZON_LIMITS = { item_name: 200, product_description: 2000, bullet_point: 500, brand: 100, sku: 40 } as const;
const MAX_BULLETS = 5;
const MAX_OTHER_IMAGES = 8;

/** A number as JSON.stringify writes it. */
const num = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/**
 * Money as a JSON number with the currency's exact decimals (19.99, never 19.990000001): the
 * number `Number(formatAmount(m))`, as JSON writes it. A decimal of at most 15 digits is the
 * shortest text of its double, so JSON writes it back without trailing zeros; that is done on the
 * text, without the round trip through a double. Longer amounts take the round trip.
 */
export function amountJson(m: Money): string {
  const text = formatAmount(m);
  if (text.length > 15 || !PLAIN_DECIMAL.test(text)) return num(Number(text));
  let end = text.length;
  while (text.charCodeAt(end - 1) === 0x30) end--;
  if (text.charCodeAt(end - 1) === 0x2e) end--;
  const trimmed = text.slice(0, end);
  return trimmed === '-0' ? '0' : trimmed;
}
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)\.\d+$/;

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

/**
 * The offer Amazon can take. Amazon's product type definitions make start_at and end_at required
 * in every discounted_price schedule (date-time, written by src/product/feed-dates.ts with the
 * feed's offset), so a sale price without both dates is left out with a warning: sent, the whole
 * listing would be refused.
 */
export function amazonOffer(prices: OfferInput, out: ItemIssues): OfferInput {
  if (!prices.sale_price || prices.sale_price_effective_date?.includes('/')) return prices;
  out.warn('sale_price', 'dates_missing', 'Amazon needs a start and an end date for a sale price; the sale price was left out, the item stays at its regular price.', {
    field: 'sale_price_effective_date',
    fix: "Fill in sale_price_effective_date as start/end, for example 2026-12-01/2026-12-31 (a date alone is read in the feed's timezone:, default UTC).",
  });
  return { price: prices.price };
}

/** purchasable_offer: the price, and the sale price with its dates. */
export function offerAttributeJson(o: OfferInput, opts: AmazonOptions): string {
  let body = `"our_price":[{"schedule":[{"value_with_tax":${amountJson(o.price)}}]}]`;
  if (o.sale_price) {
    let schedule = `"value_with_tax":${amountJson(o.sale_price)}`;
    const [start, end] = (o.sale_price_effective_date ?? '').split('/');
    if (start) schedule += `,"start_at":${quote(start)}`;
    if (end) schedule += `,"end_at":${quote(end)}`;
    body += `,"discounted_price":[{"schedule":[{${schedule}}]}]`;
  }
  const { marketplace } = entryTails(opts);
  const rest = member('"currency"', o.price.currency, body);
  return `[{${marketplace === '' ? rest : `${marketplace},${rest}`}}]`;
}

/** fulfillment_availability, or undefined (with a warning) when no quantity can be given. */
export function availabilityAttributeJson(p: Product, opts: AmazonOptions, out: ItemIssues): string | undefined {
  let quantity = p.quantity;
  if (quantity === undefined && p.availability === 'out_of_stock') quantity = 0;
  quantity ??= opts.default_quantity;
  if (quantity === undefined) {
    out.warn('quantity', 'missing', 'No quantity: Amazon needs a number, so fulfillment_availability was left out.', {
      fix: 'Fill in quantity, or set options.default_quantity.',
    });
    return undefined;
  }
  return `[${entry('"fulfillment_channel_code"', opts.fulfillment_channel_code, `"quantity":${num(Math.max(0, Math.trunc(quantity)))}`)}]`;
}

const BULLET_COLUMNS = Array.from({ length: MAX_BULLETS }, (_, i) => `bullet_point_${i + 1}`);
const OTHER_IMAGES = Array.from({ length: MAX_OTHER_IMAGES }, (_, i) => `other_product_image_locator_${i + 1}`);

/** Shortest bullet point taken from a description (shorter pieces are stray marks and fragments). */
const MIN_BULLET = 3;
/**
 * The first description sentences; the variants of a product share their description, so the last
 * one is remembered. A description without a sentence (`3.5"` or `o?V`: marks that a word follows)
 * is one bullet as it is: Amazon requires a bullet point, and the text is there.
 */
const sentenceBullets = lastCall((description: string): readonly string[] => {
  const sentences = firstSentences(description, MAX_BULLETS, MIN_BULLET);
  if (sentences.length > 0) return sentences;
  const whole = description.trim().replace(/\s+/g, ' ');
  return whole.length >= MIN_BULLET ? [whole] : [];
});

/** Bullet points from the `bullet_point_1..5` (or `bullet_point`, `|`-separated) columns. */
function explicitBullets(p: Product): string[] {
  const explicit: string[] = [];
  for (const column of BULLET_COLUMNS) {
    const v = p.extra[column]?.trim();
    if (v) explicit.push(v);
  }
  const joined = p.extra.bullet_point ?? p.extra.bullet_points;
  if (explicit.length === 0 && joined) explicit.push(...joined.split('|').map((s) => s.trim()).filter(Boolean));
  return explicit;
}

/** Bullet points: `bullet_point_1..5` (or `bullet_point`, `|`-separated) columns, else the first description sentences. */
export function bulletPoints(p: Product, description: string | undefined): readonly string[] {
  const explicit = explicitBullets(p);
  if (explicit.length > 0) return explicit.slice(0, MAX_BULLETS);
  if (!description) return [];
  return sentenceBullets(description);
}

/**
 * Whether `bulletPoints` gives any, without splitting the description: a description gives one
 * when its trimmed text, white space runs collapsed to one space, has MIN_BULLET characters (the
 * whole text is the fallback bullet, and no sentence of it is longer).
 */
export function hasBulletPoints(p: Product, description: string | undefined): boolean {
  if (explicitBullets(p).length > 0) return true;
  if (!description) return false;
  let count = 0;
  let inSpace = false;
  for (let i = 0; i < description.length; i++) {
    if (isSpace(description.charCodeAt(i))) inSpace = count > 0;
    else {
      count += inSpace ? 2 : 1;
      inSpace = false;
      if (count >= MIN_BULLET) return true;
    }
  }
  return false;
}

/** Text entries, remembered like their source: descriptions and their bullets repeat across variants. */
const textEntry = (value: string, tail: string): string => entry('"value"', value, tail);
const descriptionJson = lastCall2((description: string, tail: string) => `[${textEntry(description, tail)}]`);
const bulletsJson = lastCall2((bullets: readonly string[], tail: string) => {
  let json = '';
  for (const b of bullets) json += `${json === '' ? '' : ','}${textEntry(b.slice(0, AMAZON_LIMITS.bullet_point), tail)}`;
  return `[${json}]`;
});

/**
 * The full attribute set of an UPDATE / PARTIAL_UPDATE message, as JSON text, with the names of
 * the attributes it holds. A variant (item_group_id) of a type that lists variations is a child
 * of its group's parent SKU; the push adds the family's theme and parent (variation-families.ts).
 * `columns`: the product type's column attributes (columnValues), when the caller has them.
 * `write` false: an item already left out (a required column missing) needs only the names, for
 * the required attributes it lacks, and the issues; the JSON is not written (json undefined). The
 * names and the issues, in their order, are those of a written one.
 */
export function listingAttributesJson(
  p: Product,
  offer: OfferInput | undefined,
  opts: AmazonOptions,
  out: ItemIssues,
  productType: string,
  columns = columnValues(p, productType, opts).values,
  write = true,
): { json: string | undefined; names: ReadonlySet<string> } {
  const { marketplace: mp, text: tt } = entryTails(opts);
  const a = new AttributesJson(write);
  const text = (name: string, value: string | undefined) => {
    if (value !== undefined && a.carries(name)) a.put(`[${textEntry(value, tt)}]`);
  };
  text('item_name', limitText(p.title, AMAZON_LIMITS.item_name, 'title', out));
  text('brand', limitText(brandFor(p, opts), AMAZON_LIMITS.brand, 'brand', out));
  if (p.gtin) {
    const type = gtinType(p.gtin);
    if (type) {
      if (a.carries('externally_assigned_product_identifier')) a.put(`[${entry('"type"', type, member('"value"', p.gtin, mp))}]`);
    } else out.warn('gtin', 'invalid_length', `GTIN ${p.gtin} has ${p.gtin.length} digits; Amazon takes 8, 12, 13 or 14, so it was left out.`);
  } else if (p.identifier_exists === false || opts.gtin_exemption) {
    if (a.carries('supplier_declared_has_product_identifier_exemption')) a.put(`[${entry('"value"', true, mp)}]`);
  }
  if (p.item_group_id && productTypeDefinition(productType).variations) {
    if (a.carries('parentage_level')) a.put(`[${entry('"value"', 'child', mp)}]`);
    if (a.carries('child_parent_sku_relationship')) a.put(`[${entry('"child_relationship_type"', 'variation', member('"parent_sku"', p.item_group_id, mp))}]`);
  }
  for (const c of columns) if (a.carries(c.attribute)) a.put(`[${entry(quote(c.valueKey), c.value, c.language ? tt : mp)}]`);
  if (p.mpn && a.carries('part_number')) a.put(`[${entry('"value"', p.mpn, mp)}]`);
  if (a.carries('condition_type')) a.put(`[${entry('"value"', conditionType(p.condition, opts), mp)}]`);
  const description = limitText(plainText(p.description), AMAZON_LIMITS.product_description, 'description', out);
  if (description !== undefined && a.carries('product_description')) a.put(descriptionJson(description, tt));
  if (hasBulletPoints(p, description) && a.carries('bullet_point')) a.put(bulletsJson(bulletPoints(p, description), tt));
  // A product type may require these (PRODUCT requires color): the feed's attribute_defaults stand in for items without them.
  const defaults = opts.attribute_defaults;
  text('color', p.color ?? defaults.color);
  text('size', p.size ?? defaults.size);
  text('material', p.material ?? defaults.material);
  text('pattern', p.pattern ?? defaults.pattern);
  if (productTypeDefinition(productType).required.includes('fabric_type')) text('fabric_type', p.extra.fabric_type?.trim() || p.material || defaults.fabric_type);
  if (p.image_link && a.carries('main_product_image_locator')) a.put(`[${entry('"media_location"', p.image_link, mp)}]`);
  const images = p.additional_image_link;
  if (images.length > MAX_OTHER_IMAGES) {
    out.warn('additional_image_link', 'too_many', `${images.length} additional images; Amazon takes ${MAX_OTHER_IMAGES}, the rest were left out.`);
  }
  for (let i = 0; i < images.length && i < MAX_OTHER_IMAGES; i++) if (a.carries(OTHER_IMAGES[i]!)) a.put(`[${entry('"media_location"', images[i], mp)}]`);
  if (offer && a.carries('purchasable_offer')) a.put(offerAttributeJson(offer, opts));
  const availability = availabilityAttributeJson(p, opts, out);
  if (availability !== undefined && a.carries('fulfillment_availability')) a.put(availability);
  return { json: write ? a.toString() : undefined, names: a.names };
}
