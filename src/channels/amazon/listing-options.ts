import { z } from 'zod';
import type { Condition, Product } from '../../product/product.js';
import { lookupByPrefix } from '../common/prefix-table.js';

/** Amazon condition_type values for the canonical conditions (Listings Items API vocabulary). */
export const AMAZON_CONDITIONS = [
  'new_new', 'new_open_box', 'new_oem', 'refurbished_refurbished', 'used_like_new', 'used_very_good', 'used_good',
  'used_acceptable', 'collectible_like_new', 'collectible_very_good', 'collectible_good', 'collectible_acceptable', 'club_club',
] as const;

const DEFAULT_CONDITIONS: Record<Condition, (typeof AMAZON_CONDITIONS)[number]> = {
  new: 'new_new',
  refurbished: 'refurbished_refurbished',
  used: 'used_good',
};

/** Options of the `amazon` channel (feeds/<id>.yaml `options:`). */
export const amazonOptionsSchema = z
  .object({
    /** Merchant token of the selling account (Seller Central > Account info). Required. */
    sellerId: z.string().min(1),
    /** Marketplace the listings are for, e.g. ATVPDKIKX0DER (amazon.com). Required. */
    marketplaceId: z.string().regex(/^[A-Z0-9]{10,14}$/, 'a marketplace id such as "ATVPDKIKX0DER"'),
    /** Locale of processing-report messages; default `en_US`. */
    issueLocale: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/, 'a locale such as "en_US"').default('en_US'),
    /** language_tag of text attributes; default the issueLocale. */
    languageTag: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/, 'a language tag such as "en_US"').optional(),
    /** Amazon product type used when no mapping matches; default `PRODUCT`. */
    productType: z.string().regex(/^[A-Z0-9_]+$/, 'an Amazon product type such as "SHIRT"').default('PRODUCT'),
    /** product_type or google_product_category prefix -> Amazon product type; the longest prefix wins; default none. */
    product_types: z.record(z.string(), z.string().regex(/^[A-Z0-9_]+$/)).default({}),
    /** fulfillment_availability channel: `DEFAULT` (merchant fulfilled) or an FBA code; default `DEFAULT`. */
    fulfillment_channel_code: z.string().min(1).default('DEFAULT'),
    /** Canonical condition -> Amazon condition_type; default new_new, refurbished_refurbished, used_good. */
    conditions: z.partialRecord(z.enum(['new', 'refurbished', 'used']), z.enum(AMAZON_CONDITIONS)).default({}),
    /** UPDATE replaces all attributes, PARTIAL_UPDATE only those sent; default `UPDATE`. */
    operation: z.enum(['UPDATE', 'PARTIAL_UPDATE']).default('UPDATE'),
    /** Quantity sent for in-stock items without a quantity; default none (fulfillment_availability left out, with a warning). */
    default_quantity: z.number().int().min(0).optional(),
    /** Brand sent for items without one (Amazon requires a brand); default none (such items are left out). */
    default_brand: z.string().min(1).max(100).optional(),
    /** Items without a GTIN are sent with supplier_declared_has_product_identifier_exemption (the brand has Amazon's GTIN exemption); default false (such items are left out unless identifier_exists is no). */
    gtin_exemption: z.boolean().default(false),
    /** Values of required attributes that no catalog column holds, e.g. { country_of_origin: US, supplier_declared_dg_hz_regulation: not_applicable }; a column named after the attribute wins; default none. */
    attribute_defaults: z.record(z.string().regex(/^[a-z0-9_]+$/, 'an Amazon attribute name such as "country_of_origin"'), z.string().min(1)).default({}),
  })
  .strict();

export type AmazonOptions = z.infer<typeof amazonOptionsSchema>;

export const conditionType = (c: Condition | undefined, opts: AmazonOptions): string =>
  opts.conditions[c ?? 'new'] ?? DEFAULT_CONDITIONS[c ?? 'new'];

/**
 * The Amazon product type of `p`: a `amazon_product_type` column (set by a feed rule), else the
 * `product_types` entry of the longest matching category prefix, else the default.
 */
export function productTypeFor(p: Product, opts: AmazonOptions): string {
  const explicit = p.extra.amazon_product_type?.trim();
  if (explicit) return explicit.toUpperCase();
  return lookupByPrefix(p, opts.product_types) ?? opts.productType;
}
