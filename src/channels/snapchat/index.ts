import { z } from 'zod';
import type { FeedRecord } from '../define-channel.js';
import { defineChannel } from '../define-channel.js';
import {
  cachedOptions,
  GOOGLE_AGE_GROUPS,
  GOOGLE_LIMITS,
  googleAttributes,
  googleRecord,
  imageExtension,
  itemIssues,
  requireOneOf,
  type GoogleProfile,
} from '../common/index.js';

const optionsSchema = z
  .object({
    /** Condition published when the catalog has none (Snapchat requires one); default `new`. */
    defaultCondition: z.enum(['new', 'refurbished', 'used']).default('new'),
  })
  .strict();
const parseOptions = cachedOptions(optionsSchema);

/** Snapchat's catalog columns: Google's names for the attributes Snapchat reads. */
export const SNAPCHAT_FIELDS = [
  'id', 'title', 'description', 'link', 'image_link', 'additional_image_link', 'availability', 'price', 'sale_price',
  'sale_price_effective_date', 'condition', 'brand', 'gtin', 'mpn', 'google_product_category', 'product_type',
  'item_group_id', 'color', 'size', 'gender', 'age_group',
  'custom_label_0', 'custom_label_1', 'custom_label_2', 'custom_label_3', 'custom_label_4',
] as const;

/** Snapchat product catalogs (Dynamic Product Ads): Google-compatible columns, spaced availability. */
export const SNAPCHAT_PROFILE: GoogleProfile = {
  limits: { ...GOOGLE_LIMITS, id: 50, title: 150, description: 5000, brand: 70, mpn: 50 },
  availability: 'meta',
  maxAdditionalImages: 10,
  missingIdentifier: 'allow',
  required: ['id', 'title', 'description', 'link', 'image_link', 'availability', 'condition'],
  availabilityDateRequired: false,
  ageGroups: GOOGLE_AGE_GROUPS,
  defaultCondition: 'new',
};

/** Snapchat takes JPEG and PNG only. */
const SUPPORTED = new Set(['jpg', 'jpeg', 'png']);
/** Extensions that name an image in another format: such images are rejected by Snapchat. */
const OTHER_IMAGE = new Set(['gif', 'webp', 'bmp', 'svg', 'tif', 'tiff', 'avif', 'heic', 'heif', 'ico']);
/**
 * The image rule: a URL whose extension names another image format is rejected; a URL with a
 * JPEG/PNG extension, or with no recognisable image extension (image CDNs often serve
 * `/images/123?w=800`), is published, since only fetching it could tell its type.
 */
const unsupportedImage = (url: string): string | undefined => {
  const ext = imageExtension(url);
  return ext && !SUPPORTED.has(ext) && OTHER_IMAGE.has(ext) ? ext : undefined;
};

export default defineChannel({
  id: 'snapchat',
  title: 'Snapchat product catalog',
  kind: 'social',
  formats: [{ id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv' }],
  attributes: googleAttributes(SNAPCHAT_FIELDS, SNAPCHAT_PROFILE).map((a) =>
    a.name === 'image_link' || a.name === 'additional_image_link' ? { ...a, format: `${a.format}; JPEG or PNG` } : a,
  ),
  options: optionsSchema,
  map(product, ctx) {
    const out = itemIssues('snapchat', product, ctx);
    const opts = parseOptions(ctx.feed.options);
    requireOneOf(product as unknown as Record<string, unknown>, ['brand', 'gtin', 'mpn'], out);
    const mainExt = product.image_link ? unsupportedImage(product.image_link) : undefined;
    if (mainExt) {
      out.error('image_link', 'unsupported_format', `image_link is a .${mainExt} image; Snapchat accepts JPEG and PNG only.`, { fix: 'Link a JPEG or PNG version of the image.' });
    }
    const additional = product.additional_image_link.filter((url) => !unsupportedImage(url));
    if (additional.length < product.additional_image_link.length) {
      out.warn('additional_image_link', 'unsupported_format', `${product.additional_image_link.length - additional.length} additional images are not JPEG or PNG and were left out.`);
    }
    const base = googleRecord({ ...product, additional_image_link: additional }, ctx, { ...SNAPCHAT_PROFILE, defaultCondition: opts.defaultCondition }, out);
    if (!base) return { issues: out.list };
    const record: FeedRecord = {};
    for (const field of SNAPCHAT_FIELDS) if (base[field] !== undefined) record[field] = base[field]!;
    return { record, issues: out.list };
  },
});
