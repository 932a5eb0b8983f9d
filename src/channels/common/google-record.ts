import { feedDateTime, type FeedDateStyle } from '../../product/feed-dates.js';
import type { Condition, Product } from '../../product/product.js';
import type { FeedRecord, FieldValue, FormatSpec, MapContext } from '../define-channel.js';
import { requireApparelFields } from './apparel.js';
import { NEEDS_AVAILABILITY_DATE, spellAvailability, type AvailabilitySpelling } from './availability.js';
import { normalizeAgeGroup, normalizeGender } from './enums.js';
import { resolveGoogleCategory, type GoogleCategory } from './google-taxonomy.js';
import { identifiersFor, requireBrandForNew, type MissingIdentifierPolicy } from './identifiers.js';
import { exactLimit, limitImageLinks } from './exact-limit.js';
import type { ItemIssues } from './item-issues.js';
import { priceForFeed, priceText, salePriceText } from './price.js';
import { recordPicker } from './record-picker.js';
import { requireField } from './require-fields.js';
import { shippingEntries } from './shipping.js';
import { limitText, plainText } from './text.js';

/**
 * The formats Google-compatible merchant centers read: RSS 2.0 with the g: namespace, and TSV.
 * Google reads TSV with "Quoted fields" (on for every new data source: a quoted value keeps its tabs,
 * line breaks and doubled quotes); Microsoft's feed rules say "do not enclose in quotes", so its TSV
 * has none (tabs and line breaks become spaces).
 */
export const googleFormats = (tsv: 'tsv' | 'tsv-quoted'): FormatSpec[] => [
  { id: 'xml', serializer: 'rss', ext: 'xml', contentType: 'application/rss+xml' },
  { id: 'tsv', serializer: tsv, ext: 'tsv', contentType: 'text/tab-separated-values' },
];

/** Google's product data attributes in feed order; also the tabular columns of Google-compatible channels. */
export const GOOGLE_FIELDS = [
  'id', 'title', 'description', 'link', 'mobile_link', 'image_link', 'additional_image_link',
  'availability', 'availability_date', 'price', 'sale_price', 'sale_price_effective_date',
  'google_product_category', 'product_type', 'brand', 'gtin', 'mpn', 'identifier_exists', 'condition',
  'item_group_id', 'color', 'size', 'gender', 'age_group', 'material', 'pattern', 'shipping', 'shipping_weight',
  'custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4',
] as const;
export type GoogleField = (typeof GOOGLE_FIELDS)[number];

/** Text fields: cut at a word past their limit (with a warning); required checks see them as published. */
const TEXT_LIMITS = ['title', 'description', 'brand', 'product_type', 'color', 'size', 'material', 'pattern',
  'custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4'] as const;
type TextField = (typeof TEXT_LIMITS)[number];
const TEXT_FIELDS: ReadonlySet<string> = new Set(TEXT_LIMITS);

/** How a Google-compatible channel differs from Google. */
export interface GoogleProfile {
  /** Maximum length per field, in UTF-16 units. */
  limits: Partial<Record<GoogleField, number>>;
  availability: AvailabilitySpelling;
  maxAdditionalImages: number;
  missingIdentifier: MissingIdentifierPolicy;
  /** Fields the channel requires (beyond price, which priceForFeed checks). */
  required: readonly GoogleField[];
  /** Whether preorder/backorder need availability_date (Google: yes). */
  availabilityDateRequired: boolean;
  /** Accepted age_group values (after normalising common spellings). */
  ageGroups: readonly string[];
  /** Whether new items need a brand (Google and Microsoft: yes; channels that check brand themselves: no). */
  brandForNew?: boolean;
  /** Whether Apparel & Accessories items need color, gender, age_group and size in Google's apparel countries (Google: yes). */
  apparelAttributes?: boolean;
  /** Condition published when the catalog has none; default none. */
  defaultCondition?: Condition;
  /** How the channel writes dates (src/product/feed-dates.ts); default `seconds`. */
  dateStyle?: FeedDateStyle;
}

/** Google Merchant Center's limits (product data specification). */
export const GOOGLE_LIMITS: Partial<Record<GoogleField, number>> = {
  id: 50, title: 150, description: 5000, link: 2000, mobile_link: 2000, image_link: 2000, brand: 70, mpn: 70,
  item_group_id: 50, product_type: 750, color: 100, size: 100, material: 200, pattern: 100,
  custom_label_0: 100, custom_label_1: 100, custom_label_2: 100, custom_label_3: 100, custom_label_4: 100,
};

/** Every Google field's published value (absent ones undefined), in GOOGLE_FIELDS order. */
export type GoogleValues = Record<GoogleField, FieldValue | undefined>;

/** Identifiers are cut only at the cost of identity: over the limit they exclude the item (exactLimit). */
const hardLimit = (value: string | undefined, max: number | undefined, field: string, out: ItemIssues): string | undefined =>
  max === undefined ? value : exactLimit(value, max, field, out);
/** An optional code or URL over its limit cannot be cut either: it is left out with a warning, the item stays. */
function optionalLimit(value: string | undefined, max: number | undefined, field: string, out: ItemIssues): string | undefined {
  if (value === undefined || max === undefined || value.length <= max) return value;
  out.warn(field, 'too_long', `${field} has ${value.length} characters; ${out.channel} allows ${max}, so the attribute is left out.`, { fix: `Use a ${field} of at most ${max} characters.` });
  return undefined;
}
const textLimit = (value: string | undefined, max: number | undefined, field: string, out: ItemIssues): string | undefined =>
  max === undefined ? value : limitText(value, max, field, out);

/**
 * The Google-vocabulary values of `product` for `profile`, or undefined when an error excludes it
 * (the errors are in `out`). Descriptions are published as plain text with paragraph breaks.
 */
export function googleValues(product: Product, ctx: MapContext, profile: GoogleProfile, out: ItemIssues): GoogleValues | undefined {
  const lim = profile.limits;
  const id = hardLimit(product.id, lim.id, 'id', out);
  const item_group_id = hardLimit(product.item_group_id, lim.item_group_id, 'item_group_id', out);
  const mpn = optionalLimit(product.mpn, lim.mpn, 'mpn', out);
  const link = hardLimit(product.link, lim.link, 'link', out);
  const mobile_link = optionalLimit(product.mobile_link, lim.mobile_link, 'mobile_link', out);
  const image_link = hardLimit(product.image_link, lim.image_link, 'image_link', out);
  // In TEXT_LIMITS order, which is the order of their warnings.
  const text: Record<TextField, string | undefined> = {
    title: textLimit(product.title, lim.title, 'title', out),
    description: textLimit(plainText(product.description), lim.description, 'description', out),
    brand: textLimit(product.brand, lim.brand, 'brand', out),
    product_type: textLimit(product.product_type, lim.product_type, 'product_type', out),
    color: textLimit(product.color, lim.color, 'color', out),
    size: textLimit(product.size, lim.size, 'size', out),
    material: textLimit(product.material, lim.material, 'material', out),
    pattern: textLimit(product.pattern, lim.pattern, 'pattern', out),
    custom_label_0: textLimit(product.custom_label_0, lim.custom_label_0, 'custom_label_0', out),
    custom_label_1: textLimit(product.custom_label_1, lim.custom_label_1, 'custom_label_1', out),
    custom_label_2: textLimit(product.custom_label_2, lim.custom_label_2, 'custom_label_2', out),
    custom_label_3: textLimit(product.custom_label_3, lim.custom_label_3, 'custom_label_3', out),
    custom_label_4: textLimit(product.custom_label_4, lim.custom_label_4, 'custom_label_4', out),
  };
  const availability = spellAvailability(product.availability, profile.availability);
  const condition = product.condition ?? profile.defaultCondition;
  // The required fields as published (after conversion); identifiers over their limit already reported.
  for (const f of profile.required) {
    const value = f === 'availability' ? availability : f === 'condition' ? condition : TEXT_FIELDS.has(f) ? text[f as TextField] : product[f as keyof Product];
    requireField(value, f, out);
  }
  if (profile.availabilityDateRequired && product.availability && NEEDS_AVAILABILITY_DATE.has(product.availability) && !product.availability_date) {
    out.error('availability_date', 'missing', `availability ${product.availability} needs an availability_date.`, { fix: 'Add the date the item ships (ISO 8601).' });
  }
  const prices = priceForFeed(product, ctx.feed, out, profile.dateStyle);
  const ids = identifiersFor(product, profile.missingIdentifier, out);
  if (profile.brandForNew) requireBrandForNew(product, condition, out);
  // Optional attributes with a value the channel does not know are left out; the item stays.
  const gender = product.gender === undefined ? undefined : normalizeGender(product.gender);
  if (product.gender !== undefined && !gender) {
    out.warn('gender', 'invalid', `gender "${product.gender}" is not male, female or unisex; the attribute is left out.`, { fix: 'Write male, female or unisex in the gender column, or set it with a rule (set: { field: gender, value: unisex }).' });
  }
  const ageGroup = product.age_group === undefined ? undefined : normalizeAgeGroup(product.age_group, profile.ageGroups);
  if (product.age_group !== undefined && !ageGroup) {
    out.warn('age_group', 'invalid', `age_group "${product.age_group}" is not one of ${profile.ageGroups.join(', ')}; the attribute is left out.`, { fix: `Write one of ${profile.ageGroups.join(', ')} in the age_group column, or set it with a rule.` });
  }
  let category: GoogleCategory | undefined;
  if (product.google_product_category) {
    category = resolveGoogleCategory(product.google_product_category);
    if (!category) out.warn('google_product_category', 'unknown', `"${product.google_product_category}" is not in Google's product taxonomy; the attribute was left out.`, {
      fix: 'Use a numeric id or a full path from the Google product taxonomy.',
    });
  }
  if (profile.apparelAttributes) requireApparelFields({ color: text.color, gender, age_group: ageGroup, size: text.size }, category, ctx.feed.country, out);
  if (out.failed || !prices) return undefined;

  return {
    id,
    title: text.title,
    description: text.description,
    link,
    mobile_link,
    image_link,
    additional_image_link: limitImageLinks(product.additional_image_link, lim.image_link ?? Infinity, profile.maxAdditionalImages, out),
    availability,
    availability_date: product.availability_date && feedDateTime(product.availability_date, ctx.feed.timezone ?? 'UTC', false, profile.dateStyle),
    price: priceText(prices.price),
    sale_price: prices.sale_price && salePriceText(prices.sale_price),
    sale_price_effective_date: prices.sale_price_effective_date,
    google_product_category: category?.id,
    product_type: text.product_type,
    brand: text.brand,
    gtin: ids.gtin,
    mpn,
    identifier_exists: ids.identifier_exists,
    condition,
    item_group_id,
    color: text.color,
    size: text.size,
    gender,
    age_group: ageGroup,
    material: text.material,
    pattern: text.pattern,
    shipping: shippingEntries(product, prices.price.currency, out),
    shipping_weight: product.shipping_weight,
    custom_label_0: text.custom_label_0,
    custom_label_1: text.custom_label_1,
    custom_label_2: text.custom_label_2,
    custom_label_3: text.custom_label_3,
    custom_label_4: text.custom_label_4,
  };
}

const pickGoogle = recordPicker(GOOGLE_FIELDS);

/** The Google-vocabulary record of `product` (googleValues without the absent and empty ones), or undefined when an error excludes it. */
export function googleRecord(product: Product, ctx: MapContext, profile: GoogleProfile, out: ItemIssues): FeedRecord | undefined {
  const values = googleValues(product, ctx, profile, out);
  return values && pickGoogle(values);
}
