import { z } from 'zod';
import type { Condition } from '../../product/product.js';

/** Identifies the document the ebay-inventory serializer writes and the eBay push reads. */
export const EBAY_DOCUMENT_FORMAT = 'shelfcast.ebay-inventory';

/** eBay ConditionEnum values accepted by the Inventory API (which apply depends on the category). */
export const EBAY_CONDITIONS = [
  'NEW', 'LIKE_NEW', 'NEW_OTHER', 'NEW_WITH_DEFECTS', 'CERTIFIED_REFURBISHED', 'EXCELLENT_REFURBISHED', 'VERY_GOOD_REFURBISHED',
  'GOOD_REFURBISHED', 'SELLER_REFURBISHED', 'USED_EXCELLENT', 'USED_VERY_GOOD', 'USED_GOOD', 'USED_ACCEPTABLE', 'FOR_PARTS_OR_NOT_WORKING',
] as const;

const DEFAULT_CONDITIONS: Record<Condition, (typeof EBAY_CONDITIONS)[number]> = { new: 'NEW', refurbished: 'SELLER_REFURBISHED', used: 'USED_EXCELLENT' };

/** Options of the `ebay` channel (feeds/<id>.yaml `options:`). */
export const ebayOptionsSchema = z
  .object({
    /** eBay marketplace of the offers, e.g. EBAY_US, EBAY_GB, EBAY_DE; default EBAY_US. */
    marketplaceId: z.string().regex(/^EBAY_[A-Z_]{2,8}$/, 'an eBay marketplace id such as "EBAY_US"').default('EBAY_US'),
    /** Locale of the inventory item texts (also the Content-Language of pushes); default en_US. */
    locale: z.string().regex(/^[a-z]{2}_[A-Z]{2}$/, 'a locale such as "en_US"').default('en_US'),
    /** Inventory location the items ship from (created in Seller Hub or with createInventoryLocation). Required. */
    merchantLocationKey: z.string().min(1).max(36),
    /** Business policies of the offers (Seller Hub > Business policies). Required. */
    fulfillmentPolicyId: z.string().min(1),
    paymentPolicyId: z.string().min(1),
    returnPolicyId: z.string().min(1),
    /** eBay leaf category used when no mapping matches; default none (such items are excluded). */
    categoryId: z.string().regex(/^\d+$/).optional(),
    /** product_type / google_product_category (path prefix or id) -> eBay category id; longest prefix wins; default none. */
    categories: z.record(z.string(), z.string().regex(/^\d+$/)).default({}),
    /** Canonical condition -> eBay condition; default NEW, SELLER_REFURBISHED, USED_EXCELLENT. */
    conditions: z.partialRecord(z.enum(['new', 'refurbished', 'used']), z.enum(EBAY_CONDITIONS)).default({}),
    /** Quantity sent for in-stock items without a quantity; default none (such items are excluded). */
    default_quantity: z.number().int().min(0).optional(),
    /**
     * Category id -> the item specifics it requires (the aspects with aspectConstraint.aspectRequired
     * true in the Taxonomy API's getItemAspectsForCategory answer for it); items lacking one are left
     * out. Default none (only "at least one aspect" is checked).
     */
    required_aspects: z.record(z.string().regex(/^\d+$/), z.array(z.string().min(1).max(40))).default({}),
    /** eBay takes https images only: `upgrade` sends http links as https (the host must serve https), `drop` leaves them out. Default upgrade. */
    http_images: z.enum(['upgrade', 'drop']).default('upgrade'),
    /**
     * Where the regular price of a sale was charged (SoldOnEnum, sent as originallySoldForRetailPriceOn
     * with the struck-through originalRetailPrice): OFF_EBAY (the shop), ON_EBAY or ON_AND_OFF_EBAY. Default OFF_EBAY.
     */
    original_price_sold_on: z.enum(['OFF_EBAY', 'ON_EBAY', 'ON_AND_OFF_EBAY']).default('OFF_EBAY'),
  })
  .strict();

export type EbayOptions = z.infer<typeof ebayOptionsSchema>;

export const ebayCondition = (c: Condition | undefined, opts: EbayOptions): string => opts.conditions[c ?? 'new'] ?? DEFAULT_CONDITIONS[c ?? 'new'];

/** `en_US` -> `en-US`, the Content-Language header eBay wants. */
export const contentLanguage = (locale: string): string => locale.replace('_', '-');
