import {
  exactLimit,
  GOOGLE_AGE_GROUPS,
  type ItemIssues,
  itemIssues,
  limitImageLinks,
  limitText,
  normalizeAgeGroup,
  normalizeGender,
  plainText,
  priceForFeed,
  priceText,
  recordPicker,
  requireField,
  resolveGoogleCategory,
  salePriceText,
  shippingEntries,
} from '../common/index.js';
import { defineChannel, type AttributeDoc } from '../define-channel.js';
import type { Availability, Product } from '../../product/product.js';
import type { PinterestDestinationConfig } from './destination-schema.js';
import { feedDateFormat } from '../../product/feed-dates.js';
import { PINTEREST_FEED_CURRENCIES } from './feed-currencies.js';

/** Pinterest's limits (Pinterest API v5 catalog item attributes and the catalog data specification). */
const LIMITS = { id: 127, item_group_id: 127, title: 500, description: 10_000, link: 511, image_link: 2000, product_type: 1000, custom_label: 511 } as const;
/** Pinterest reads up to ten additional images. */
const MAX_ADDITIONAL_IMAGES = 10;

/** Pinterest's spellings (item attributes: `in stock`, `out of stock`, `preorder`); backorder has none. */
const AVAILABILITY: Record<Availability, string> = { in_stock: 'in stock', out_of_stock: 'out of stock', preorder: 'preorder', backorder: 'preorder' };
const REQUIRED = ['id', 'title', 'description', 'link', 'image_link', 'price', 'availability'] as const;
const LABELS = ['custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4'] as const;

const attributes: AttributeDoc[] = [
  { name: 'id', required: true, format: 'text, unique', limit: LIMITS.id, source: 'id' },
  { name: 'item_group_id', required: false, format: 'text; shared by the variants of one product', limit: LIMITS.item_group_id, source: 'item_group_id' },
  { name: 'title', required: true, format: 'text', limit: LIMITS.title, source: 'title' },
  { name: 'description', required: true, format: 'plain text (HTML converted)', limit: LIMITS.description, source: 'description' },
  { name: 'link', required: true, format: 'http(s) URL', limit: LIMITS.link, source: 'link' },
  { name: 'image_link', required: true, format: 'http(s) URL', limit: LIMITS.image_link, source: 'image_link' },
  { name: 'additional_image_link', required: false, format: `up to ${MAX_ADDITIONAL_IMAGES} URLs, comma-separated`, limit: LIMITS.image_link, source: 'additional_image_link' },
  { name: 'mobile_link', required: false, format: 'http(s) URL', limit: LIMITS.link, source: 'mobile_link' },
  { name: 'price', required: true, format: '15.00 USD', source: 'price (or price_<CUR> for the feed currency)' },
  { name: 'sale_price', required: false, format: '12.00 USD, lower than price', source: 'sale_price' },
  { name: 'sale_price_effective_date', required: false, format: feedDateFormat('seconds', 'interval'), source: 'sale_price_effective_date' },
  { name: 'availability', required: true, format: 'in stock | out of stock | preorder (backorder is sent as preorder)', source: 'availability' },
  { name: 'condition', required: false, format: 'new | used | refurbished', source: 'condition' },
  { name: 'brand', required: false, format: 'text', source: 'brand' },
  { name: 'gtin', required: false, format: 'GTIN-8/12/13/14', source: 'gtin' },
  { name: 'mpn', required: false, format: 'text', source: 'mpn' },
  { name: 'google_product_category', required: false, format: 'Google taxonomy id or path', source: 'google_product_category' },
  { name: 'product_type', required: false, format: 'text path (A > B > C)', limit: LIMITS.product_type, source: 'product_type' },
  { name: 'color', required: false, format: 'text', source: 'color' },
  { name: 'size', required: false, format: 'text', source: 'size' },
  { name: 'gender', required: false, format: 'male | female | unisex', source: 'gender' },
  { name: 'age_group', required: false, format: 'newborn | infant | toddler | kids | adult', source: 'age_group' },
  { name: 'material', required: false, format: 'text', source: 'material' },
  { name: 'pattern', required: false, format: 'text', source: 'pattern' },
  { name: 'shipping', required: false, format: 'country:region:service:price', source: 'shipping' },
  { name: 'shipping_weight', required: false, format: 'number and unit (3 kg)', source: 'shipping_weight' },
  ...LABELS.map((name) => ({ name, required: false, format: 'text', limit: LIMITS.custom_label, source: name })),
];

/** Records follow the documented attribute order, which is also the column order. */
const pick = recordPicker(attributes.map((a) => a.name));
const AGE_GROUPS_TEXT = GOOGLE_AGE_GROUPS.join(', ');

/** An optional enum attribute: kept when Pinterest accepts the value, else dropped with a warning. */
function optionalEnum(value: string | undefined, normalized: string | undefined, allowed: string, field: string, out: ItemIssues): string | undefined {
  if (value === undefined) return undefined;
  if (normalized !== undefined) return normalized;
  out.warn(field, 'invalid', `${field} "${value}" is not one of ${allowed}; it was left out.`);
  return undefined;
}

/** An optional URL over the limit cannot be shortened either; it is dropped and the item stays. */
function optionalUrl(value: string | undefined, limit: number, field: string, out: ItemIssues): string | undefined {
  if (value === undefined || value.length <= limit) return value;
  out.warn(field, 'too_long', `${field} has ${value.length} characters; Pinterest allows ${limit}, so it was left out.`);
  return undefined;
}

function availabilityOf(product: Product, out: ItemIssues): string | undefined {
  if (!product.availability) return undefined;
  if (product.availability === 'backorder') {
    out.warn('availability', 'backorder', 'Pinterest has no "backorder"; the item is published as "preorder".');
  }
  return AVAILABILITY[product.availability];
}

function categoryOf(product: Product, out: ItemIssues): string | undefined {
  const value = product.google_product_category;
  if (value === undefined) return undefined;
  const cat = resolveGoogleCategory(value);
  if (cat) return cat.path;
  out.warn('google_product_category', 'invalid', `"${value}" is not a category of the Google product taxonomy; it was left out.`);
  return undefined;
}

/** Pinterest catalog (retail): CSV, TSV or RSS 2.0 with the g: namespace; variants keep item_group_id. */
export default defineChannel({
  id: 'pinterest',
  title: 'Pinterest Catalogs',
  kind: 'social',
  currencies: PINTEREST_FEED_CURRENCIES,
  push: {
    destination: 'pinterest',
    deltas: true,
    deletes: true,
    create: async (config, feedId) => (await import('./destination.js')).createDestination(config as PinterestDestinationConfig, feedId),
  },
  formats: [
    { id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv; charset=utf-8' },
    { id: 'tsv', serializer: 'tsv', ext: 'tsv', contentType: 'text/tab-separated-values; charset=utf-8' },
    { id: 'xml', serializer: 'rss', ext: 'xml', contentType: 'application/rss+xml; charset=utf-8' },
  ],
  attributes,
  map(product, ctx) {
    const out = itemIssues('pinterest', product, ctx);
    const prices = priceForFeed(product, ctx.feed, out);
    const fields = {
      id: exactLimit(product.id, LIMITS.id, 'id', out),
      item_group_id: exactLimit(product.item_group_id, LIMITS.item_group_id, 'item_group_id', out),
      title: limitText(product.title, LIMITS.title, 'title', out),
      description: limitText(plainText(product.description), LIMITS.description, 'description', out),
      link: exactLimit(product.link, LIMITS.link, 'link', out),
      image_link: exactLimit(product.image_link, LIMITS.image_link, 'image_link', out),
      additional_image_link: limitImageLinks(product.additional_image_link, LIMITS.image_link, MAX_ADDITIONAL_IMAGES, out),
      mobile_link: optionalUrl(product.mobile_link, LIMITS.link, 'mobile_link', out),
      price: prices && priceText(prices.price),
      sale_price: prices?.sale_price && salePriceText(prices.sale_price),
      sale_price_effective_date: prices?.sale_price_effective_date,
      availability: availabilityOf(product, out),
      condition: product.condition,
      brand: product.brand,
      gtin: product.gtin,
      mpn: product.mpn,
      google_product_category: categoryOf(product, out),
      product_type: limitText(product.product_type, LIMITS.product_type, 'product_type', out),
      color: product.color,
      size: product.size,
      gender: optionalEnum(product.gender, product.gender && normalizeGender(product.gender), 'male, female, unisex', 'gender', out),
      age_group: optionalEnum(product.age_group, product.age_group && normalizeAgeGroup(product.age_group, GOOGLE_AGE_GROUPS), AGE_GROUPS_TEXT, 'age_group', out),
      material: product.material,
      pattern: product.pattern,
      shipping: shippingEntries(product, prices?.price.currency, out, { times: false }),
      shipping_weight: product.shipping_weight,
      custom_label_0: limitText(product.custom_label_0, LIMITS.custom_label, 'custom_label_0', out),
      custom_label_1: limitText(product.custom_label_1, LIMITS.custom_label, 'custom_label_1', out),
      custom_label_2: limitText(product.custom_label_2, LIMITS.custom_label, 'custom_label_2', out),
      custom_label_3: limitText(product.custom_label_3, LIMITS.custom_label, 'custom_label_3', out),
      custom_label_4: limitText(product.custom_label_4, LIMITS.custom_label, 'custom_label_4', out),
    };
    // Fields over an exact limit already recorded their error; only report the truly absent ones.
    for (const f of REQUIRED) {
      const present = f === 'id' || f === 'link' || f === 'image_link' ? product[f] : f === 'price' ? (prices ? fields.price : 'excluded') : fields[f];
      requireField(present, f, out);
    }
    if (out.failed) return { issues: out.list };
    return { record: pick(fields), issues: out.list };
  },
});
