import type { MetaDestinationConfig } from './destination-schema.js';
import { z } from 'zod';
import type { FieldValue } from '../define-channel.js';
import { defineChannel } from '../define-channel.js';
import {
  cachedOptions,
  GOOGLE_LIMITS,
  googleAttributes,
  googleValues,
  itemIssues,
  looksLikeHtml,
  META_AGE_GROUPS,
  perOptions,
  recordPicker,
  requireOneOf,
  type GoogleProfile,
  type GoogleValues,
} from '../common/index.js';

const optionsSchema = z
  .object({
    /** Also publish the HTML description as rich_text_description (shops show it formatted); default true. */
    richText: z.boolean().default(true),
    /** Condition published when the catalog has none (Meta requires one); default `new`. */
    defaultCondition: z.enum(['new', 'refurbished', 'used']).default('new'),
  })
  .strict();
const parseOptions = cachedOptions(optionsSchema);

/** Feed columns (Meta's data feed field names, which follow Google's vocabulary). */
export const META_FIELDS = [
  'id', 'title', 'description', 'rich_text_description', 'availability', 'condition', 'price', 'sale_price',
  'sale_price_effective_date', 'link', 'image_link', 'additional_image_link', 'brand', 'gtin', 'mpn',
  'google_product_category', 'product_type', 'item_group_id', 'color', 'size', 'gender', 'age_group', 'material',
  'pattern', 'quantity_to_sell_on_facebook', 'shipping', 'shipping_weight',
  'custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4',
] as const;

/**
 * Meta commerce catalog: availability with spaces, plain-text descriptions, up to 20 additional
 * images, and dates to the minute: Meta's data feed fields give sale_price_effective_date as
 * `YYYY-MM-DDT23:59+00:00/YYYY-MM-DDT23:59+00:00` (time 00:00 to 23:59, offset -12:00 to +14:00).
 */
export const META_PROFILE: GoogleProfile = {
  limits: { ...GOOGLE_LIMITS, id: 100, title: 200, description: 9999, brand: 100, mpn: 100, item_group_id: 100, color: 200, size: 200 },
  availability: 'meta',
  maxAdditionalImages: 20,
  missingIdentifier: 'allow',
  required: ['id', 'title', 'description', 'availability', 'condition', 'link', 'image_link'],
  availabilityDateRequired: false,
  ageGroups: META_AGE_GROUPS,
  defaultCondition: 'new',
  dateStyle: 'minutes',
};

/** rich_text_description has no published limit; the feed cell limit applies instead. */
const RICH_TEXT_LIMIT = 100_000;

const profileFor = perOptions((opts: z.infer<typeof optionsSchema>): GoogleProfile => ({ ...META_PROFILE, defaultCondition: opts.defaultCondition }));
type MetaValues = GoogleValues & Record<'rich_text_description' | 'quantity_to_sell_on_facebook', FieldValue | undefined>;
const pickMeta = recordPicker(META_FIELDS);

export default defineChannel({
  id: 'meta',
  title: 'Meta (Facebook and Instagram catalog)',
  kind: 'social',
  push: {
    destination: 'meta',
    deltas: true,
    deletes: true,
    create: async (config, feedId) => (await import('./destination.js')).createDestination(config as MetaDestinationConfig, feedId),
  },
  formats: [
    { id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv' },
    { id: 'xml', serializer: 'rss', ext: 'xml', contentType: 'application/rss+xml' },
  ],
  attributes: googleAttributes(META_FIELDS, META_PROFILE, {
    rich_text_description: { required: false, format: 'HTML (only when the catalog description is HTML)', source: 'description', limit: RICH_TEXT_LIMIT },
    quantity_to_sell_on_facebook: { required: false, format: 'integer', source: 'quantity' },
  }),
  options: optionsSchema,
  map(product, ctx) {
    const out = itemIssues('meta', product, ctx);
    const opts = parseOptions(ctx.feed.options);
    requireOneOf(product as unknown as Record<string, unknown>, ['brand', 'gtin', 'mpn'], out);
    const google = googleValues(product, ctx, profileFor(opts), out);
    if (!google) return { issues: out.list };
    // The values object is this call's own: Meta's two fields join it, then META_FIELDS picks the columns.
    const values = google as MetaValues;
    values.rich_text_description =
      opts.richText && product.description && looksLikeHtml(product.description) && product.description.length <= RICH_TEXT_LIMIT ? product.description : undefined;
    values.quantity_to_sell_on_facebook = product.quantity === undefined ? undefined : String(Math.max(0, product.quantity));
    return { record: pickMeta(values), issues: out.list };
  },
});
