import { formatMoney } from '../../product/money-format.js';
import type { Condition, Product } from '../../product/product.js';
import type { FeedRecord, MapContext } from '../define-channel.js';
import { NEEDS_AVAILABILITY_DATE, spellAvailability, type AvailabilitySpelling } from './availability.js';
import { normalizeAgeGroup, normalizeGender } from './enums.js';
import { resolveGoogleCategory } from './google-taxonomy.js';
import { identifiersFor, type MissingIdentifierPolicy } from './identifiers.js';
import { limitImages } from './images.js';
import type { ItemIssues } from './item-issues.js';
import { priceForFeed } from './price.js';
import { requireFields } from './require-fields.js';
import { shippingEntries } from './shipping.js';
import { limitText, plainText } from './text.js';

/** Google's product data attributes in feed order; also the tabular columns of Google-compatible channels. */
export const GOOGLE_FIELDS = [
  'id', 'title', 'description', 'link', 'mobile_link', 'image_link', 'additional_image_link',
  'availability', 'availability_date', 'price', 'sale_price', 'sale_price_effective_date',
  'google_product_category', 'product_type', 'brand', 'gtin', 'mpn', 'identifier_exists', 'condition',
  'item_group_id', 'color', 'size', 'gender', 'age_group', 'material', 'pattern', 'shipping', 'shipping_weight',
  'custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4',
] as const;
export type GoogleField = (typeof GOOGLE_FIELDS)[number];

/** Identifiers that are cut only at the cost of identity: over the limit they exclude the item. */
const HARD_LIMITS = ['id', 'item_group_id', 'mpn', 'link', 'mobile_link', 'image_link'] as const;
const TEXT_LIMITS = ['title', 'description', 'brand', 'product_type', 'color', 'size', 'material', 'pattern',
  'custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4'] as const;

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
  /** Condition published when the catalog has none; default none. */
  defaultCondition?: Condition;
}

/** Google Merchant Center's limits (product data specification). */
export const GOOGLE_LIMITS: Partial<Record<GoogleField, number>> = {
  id: 50, title: 150, description: 5000, link: 2000, mobile_link: 2000, image_link: 2000, brand: 70, mpn: 70,
  item_group_id: 50, product_type: 750, color: 100, size: 100, material: 200, pattern: 100,
  custom_label_0: 100, custom_label_1: 100, custom_label_2: 100, custom_label_3: 100, custom_label_4: 100,
};

const put = (record: FeedRecord, key: string, value: string | string[] | Array<Record<string, string>> | undefined) => {
  if (value === undefined || value.length === 0) return;
  record[key] = value;
};

/**
 * The Google-vocabulary record of `product` for `profile`, or undefined when an error excludes it
 * (the errors are in `out`). Descriptions are published as plain text with paragraph breaks.
 */
export function googleRecord(product: Product, ctx: MapContext, profile: GoogleProfile, out: ItemIssues): FeedRecord | undefined {
  const lim = profile.limits;
  for (const field of HARD_LIMITS) {
    const value = product[field];
    const max = lim[field];
    if (value !== undefined && max !== undefined && value.length > max) {
      out.error(field, 'too_long', `${field} has ${value.length} characters; ${out.channel} allows ${max}, and cutting it would change the item's identity.`, {
        fix: `Shorten ${field} to at most ${max} characters in the catalog.`,
      });
    }
  }
  const text: Partial<Record<GoogleField, string>> = {};
  for (const field of TEXT_LIMITS) {
    const raw = field === 'description' ? plainText(product.description) : product[field];
    const max = lim[field];
    text[field] = max === undefined ? raw : limitText(raw, max, field, out);
  }
  const availability = spellAvailability(product.availability, profile.availability);
  const condition = product.condition ?? profile.defaultCondition;
  const draft: Record<string, unknown> = { ...product, ...text, availability, condition };
  requireFields(draft, profile.required, out);
  if (profile.availabilityDateRequired && product.availability && NEEDS_AVAILABILITY_DATE.has(product.availability) && !product.availability_date) {
    out.error('availability_date', 'missing', `availability ${product.availability} needs an availability_date.`, { fix: 'Add the date the item ships (ISO 8601).' });
  }
  const prices = priceForFeed(product, ctx.feed, out);
  const ids = identifiersFor(product, profile.missingIdentifier, out);
  const gender = product.gender === undefined ? undefined : normalizeGender(product.gender);
  if (product.gender !== undefined && !gender) out.error('gender', 'invalid', `gender "${product.gender}" is not male, female or unisex.`);
  const ageGroup = product.age_group === undefined ? undefined : normalizeAgeGroup(product.age_group, profile.ageGroups);
  if (product.age_group !== undefined && !ageGroup) out.error('age_group', 'invalid', `age_group "${product.age_group}" is not one of ${profile.ageGroups.join(', ')}.`);
  let category: string | undefined;
  if (product.google_product_category) {
    category = resolveGoogleCategory(product.google_product_category)?.id;
    if (!category) out.warn('google_product_category', 'unknown', `"${product.google_product_category}" is not in Google's product taxonomy; the attribute was left out.`, {
      fix: 'Use a numeric id or a full path from the Google product taxonomy.',
    });
  }
  if (out.failed || !prices) return undefined;

  const record: FeedRecord = {};
  put(record, 'id', product.id);
  put(record, 'title', text.title);
  put(record, 'description', text.description);
  put(record, 'link', product.link);
  put(record, 'mobile_link', product.mobile_link);
  put(record, 'image_link', product.image_link);
  put(record, 'additional_image_link', limitImages(product.additional_image_link, profile.maxAdditionalImages, out));
  put(record, 'availability', availability);
  put(record, 'availability_date', product.availability_date);
  put(record, 'price', formatMoney(prices.price));
  put(record, 'sale_price', prices.sale_price && formatMoney(prices.sale_price));
  put(record, 'sale_price_effective_date', prices.sale_price_effective_date);
  put(record, 'google_product_category', category);
  put(record, 'product_type', text.product_type);
  put(record, 'brand', text.brand);
  put(record, 'gtin', ids.gtin);
  put(record, 'mpn', ids.mpn);
  put(record, 'identifier_exists', ids.identifier_exists);
  put(record, 'condition', condition);
  put(record, 'item_group_id', product.item_group_id);
  put(record, 'color', text.color);
  put(record, 'size', text.size);
  put(record, 'gender', gender);
  put(record, 'age_group', ageGroup);
  put(record, 'material', text.material);
  put(record, 'pattern', text.pattern);
  put(record, 'shipping', shippingEntries(product, prices.price.currency, out));
  put(record, 'shipping_weight', product.shipping_weight);
  for (const n of [0, 1, 2, 3, 4] as const) put(record, `custom_label_${n}`, text[`custom_label_${n}`]);
  return record;
}
