import { z } from 'zod';
import {
  cachedOptions,
  GOOGLE_AGE_GROUPS,
  type ItemIssues,
  itemIssues,
  limitImageLinks,
  normalizeAgeGroup,
  normalizeGender,
  plainText,
  priceForFeed,
  priceText,
  recordPicker,
  requireField,
  resolveGoogleCategory,
  salePriceText,
  spellAvailability,
} from '../common/index.js';
import { defineChannel, type AttributeDoc } from '../define-channel.js';
import type { Condition } from '../../product/product.js';
import { feedDateFormat } from '../../product/feed-dates.js';
import { TIKTOK_CATALOG_CURRENCIES } from './catalog-currencies.js';

/** The nine fields TikTok's catalog rejects an item without (Catalog Product Parameters). */
const REQUIRED = ['sku_id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link', 'brand'] as const;
/** TikTok takes up to ten additional images; URL length follows the common 2,000-character cap. */
const MAX_ADDITIONAL_IMAGES = 10;
const URL_LIMIT = 2000;
const LABELS = ['custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4'] as const;
/**
 * Emoji, which TikTok asks to keep out of titles: characters shown as emoji by default, pictographs
 * followed by the emoji selector, and the joiners between them. ©, ® and ™ stay (text by default).
 */
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\u{FE0F}|[\u{FE0F}\u{200D}]/u;
const EMOJI_ALL = new RegExp(EMOJI.source, 'gu');
/** Every match of EMOJI has a code unit from U+200D up (the joiner; emoji start at U+231A): most titles have none. */
const MAYBE_EMOJI = /[\u200d-\uffff]/;

/** Whether `title` has an emoji TikTok asks to remove; the cheap screen first. */
export const hasEmoji = (title: string): boolean => MAYBE_EMOJI.test(title) && EMOJI.test(title);

export const tiktokOptions = z
  .object({
    /** Condition written for items without one (TikTok requires the field); default `new`. */
    defaultCondition: z.enum(['new', 'refurbished', 'used']).default('new').describe('Condition written for items without one (TikTok requires the field); default `new`.'),
    /** Brand written for items without one, e.g. the shop's own label (TikTok requires the field); default none: such items are left out. */
    defaultBrand: z.string().min(1).optional().describe("Brand written for items without one, e.g. the shop's own label (TikTok requires the field); default none: such items are left out."),
  })
  .strict();
export type TiktokOptions = z.infer<typeof tiktokOptions>;
const parseOptions = cachedOptions(tiktokOptions);

const attributes: AttributeDoc[] = [
  { name: 'sku_id', required: true, format: 'text, unique', source: 'id' },
  { name: 'title', required: true, format: 'text without emoji', source: 'title' },
  { name: 'description', required: true, format: 'plain text (HTML converted)', source: 'description' },
  { name: 'availability', required: true, format: 'in stock | available for order | preorder | out of stock', source: 'availability' },
  { name: 'condition', required: true, format: 'new | refurbished | used', source: 'condition (else option defaultCondition)' },
  { name: 'price', required: true, format: '15.00 USD', source: 'price (or price_<CUR> for the feed currency)' },
  { name: 'link', required: true, format: 'http(s) URL', source: 'link' },
  { name: 'image_link', required: true, format: 'http(s) URL, JPG or PNG', source: 'image_link' },
  { name: 'brand', required: true, format: 'text', source: 'brand (else option defaultBrand)' },
  { name: 'item_group_id', required: false, format: 'text; shared by the variants of one product', source: 'item_group_id' },
  { name: 'additional_image_link', required: false, format: `up to ${MAX_ADDITIONAL_IMAGES} URLs, comma-separated`, limit: URL_LIMIT, source: 'additional_image_link' },
  { name: 'sale_price', required: false, format: '12.00 USD, lower than price', source: 'sale_price' },
  { name: 'sale_price_effective_date', required: false, format: feedDateFormat('seconds', 'interval'), source: 'sale_price_effective_date' },
  { name: 'gtin', required: false, format: 'GTIN-8/12/13/14', source: 'gtin' },
  { name: 'mpn', required: false, format: 'text', source: 'mpn' },
  { name: 'google_product_category', required: false, format: 'Google taxonomy path', source: 'google_product_category' },
  { name: 'product_type', required: false, format: 'text path (A > B > C)', source: 'product_type' },
  { name: 'color', required: false, format: 'text', source: 'color' },
  { name: 'size', required: false, format: 'text', source: 'size' },
  { name: 'gender', required: false, format: 'male | female | unisex', source: 'gender' },
  { name: 'age_group', required: false, format: 'newborn | infant | toddler | kids | adult', source: 'age_group' },
  { name: 'material', required: false, format: 'text', source: 'material' },
  { name: 'pattern', required: false, format: 'text', source: 'pattern' },
  { name: 'shipping_weight', required: false, format: 'number and unit (3 kg)', source: 'shipping_weight' },
  ...LABELS.map((name) => ({ name, required: false, format: 'text', source: name })),
];

/** Records follow the documented attribute order, which is also the column order. */
const pick = recordPicker(attributes.map((a) => a.name));

function titleWithoutEmoji(title: string, out: ItemIssues): string {
  if (!hasEmoji(title)) return title;
  out.warn('title', 'emoji', 'TikTok asks for titles without emoji; they were removed.');
  return title.replace(EMOJI_ALL, '').replace(/\s{2,}/g, ' ').trim();
}

function optionalEnum(raw: string | undefined, value: string | undefined, field: string, out: ItemIssues): string | undefined {
  if (raw !== undefined && value === undefined) out.warn(field, 'invalid', `${field} "${raw}" is not a value TikTok accepts; it was left out.`);
  return value;
}

/** TikTok catalog (Video Shopping Ads): a CSV file with TikTok's column names; variants keep item_group_id. */
export default defineChannel<TiktokOptions>({
  id: 'tiktok',
  title: 'TikTok Catalog',
  kind: 'social',
  currencies: TIKTOK_CATALOG_CURRENCIES,
  formats: [{ id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv; charset=utf-8' }],
  attributes,
  options: tiktokOptions,
  map(product, ctx) {
    const out = itemIssues('tiktok', product, ctx);
    const options = parseOptions(ctx.feed.options);
    const condition: Condition = product.condition ?? options.defaultCondition;
    const prices = priceForFeed(product, ctx.feed, out);
    const category = product.google_product_category;
    const resolved = category === undefined ? undefined : resolveGoogleCategory(category);
    const fields = {
      sku_id: product.id,
      title: titleWithoutEmoji(product.title, out),
      description: plainText(product.description),
      // TikTok spells backorder "available for order", like Meta.
      availability: spellAvailability(product.availability, 'meta'),
      condition,
      price: prices && priceText(prices.price),
      link: product.link,
      image_link: product.image_link,
      brand: product.brand ?? options.defaultBrand,
      item_group_id: product.item_group_id,
      additional_image_link: limitImageLinks(product.additional_image_link, URL_LIMIT, MAX_ADDITIONAL_IMAGES, out),
      sale_price: prices?.sale_price && salePriceText(prices.sale_price),
      sale_price_effective_date: prices?.sale_price_effective_date,
      gtin: product.gtin,
      mpn: product.mpn,
      google_product_category: optionalEnum(category, resolved?.path, 'google_product_category', out),
      product_type: product.product_type,
      color: product.color,
      size: product.size,
      gender: optionalEnum(product.gender, product.gender && normalizeGender(product.gender), 'gender', out),
      age_group: optionalEnum(product.age_group, product.age_group && normalizeAgeGroup(product.age_group, GOOGLE_AGE_GROUPS), 'age_group', out),
      material: product.material,
      pattern: product.pattern,
      shipping_weight: product.shipping_weight,
      custom_label_0: product.custom_label_0,
      custom_label_1: product.custom_label_1,
      custom_label_2: product.custom_label_2,
      custom_label_3: product.custom_label_3,
      custom_label_4: product.custom_label_4,
    };
    // priceForFeed already explained a missing or unusable price.
    for (const f of REQUIRED) requireField(f === 'price' && !prices ? 'reported' : fields[f], f, out);
    if (out.failed) return { issues: out.list };
    return { record: pick(fields), issues: out.list };
  },
});
