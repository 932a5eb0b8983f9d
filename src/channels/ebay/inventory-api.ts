import { isHttpError, type HttpClient } from '../../http/index.js';
import type { EbayError } from './push-findings.js';

/** One entry of a bulk response (InventoryItemResponse, OfferSkuResponse, OfferResponseWithListingId, PriceQuantityResponse). */
export interface BulkEntry {
  statusCode?: number;
  sku?: string;
  offerId?: string;
  listingId?: string;
  errors?: EbayError[];
  warnings?: EbayError[];
}

export interface ExistingOffer {
  offerId: string;
  sku: string;
  marketplaceId: string;
  format: string;
  /** PUBLISHED or UNPUBLISHED. */
  status?: string;
  /** ListingDetails: only for published offers. listingStatus is a ListingStatusEnum value (ACTIVE, OUT_OF_STOCK, INACTIVE, ENDED, EBAY_ENDED, NOT_LISTED). */
  listing?: { listingId?: string; listingStatus?: string; listingOnHold?: boolean; soldQuantity?: number };
}

export interface InventoryApi {
  bulkCreateOrReplaceInventoryItem(requests: unknown[]): Promise<BulkEntry[]>;
  bulkCreateOffer(requests: unknown[]): Promise<BulkEntry[]>;
  bulkPublishOffer(offerIds: string[]): Promise<BulkEntry[]>;
  bulkUpdatePriceQuantity(requests: unknown[]): Promise<BulkEntry[]>;
  getOffers(sku: string, marketplaceId: string): Promise<ExistingOffer[]>;
  updateOffer(offerId: string, body: unknown): Promise<void>;
  /** Ends the offer's listing; an offer not published (or gone) counts as withdrawn. */
  withdrawOffer(offerId: string): Promise<void>;
  /** Deletes an offer; one already gone counts as deleted. */
  deleteOffer(offerId: string): Promise<void>;
  /** Deletes an inventory item; one already gone counts as deleted. */
  deleteInventoryItem(sku: string): Promise<void>;
  /** createOrReplaceInventoryItemGroup: safe to repeat. */
  putInventoryItemGroup(key: string, group: unknown): Promise<void>;
  /** publishOfferByInventoryItemGroup: the group's offers as one multiple-variation listing; repeating revises the same listing. */
  publishOfferByInventoryItemGroup(key: string, marketplaceId: string): Promise<{ listingId?: string }>;
  /** Ends the group's listing; a group gone counts as withdrawn. */
  withdrawOfferByInventoryItemGroup(key: string, marketplaceId: string): Promise<void>;
  /** Deletes an inventory item group (not its items); one already gone counts as deleted. */
  deleteInventoryItemGroup(key: string): Promise<void>;
}

/** Runs a removal; 404 means there was nothing (left) to remove. */
async function gone(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (e) {
    if (isHttpError(e) && e.status === 404) return;
    throw e;
  }
}

/** A bulk entry succeeded: 200 OK, 201 Created or 204 No Content. */
export const succeeded = (e: BulkEntry): boolean => e.statusCode !== undefined && e.statusCode >= 200 && e.statusCode < 300;

/**
 * The Sell Inventory v1 calls of a push. createOrReplace, publish (of an offer that stays the same
 * listing), price/quantity updates and offer lookups may be repeated; bulkCreateOffer may not.
 */
export function inventoryApi(origin: string, http: HttpClient, contentLanguage: string): InventoryApi {
  const url = (p: string) => `${origin.replace(/\/$/, '')}/sell/inventory/v1${p}`;
  const headers = { 'content-language': contentLanguage, accept: 'application/json' };
  const bulk = async (path: string, body: unknown, idempotent: boolean): Promise<BulkEntry[]> => {
    const res = await http.request({ method: 'POST', url: url(path), json: body, headers, idempotent });
    return res.json<{ responses?: BulkEntry[] }>().responses ?? [];
  };
  return {
    bulkCreateOrReplaceInventoryItem: (requests) => bulk('/bulk_create_or_replace_inventory_item', { requests }, true),
    bulkCreateOffer: (requests) => bulk('/bulk_create_offer', { requests }, false),
    bulkPublishOffer: (offerIds) => bulk('/bulk_publish_offer', { requests: offerIds.map((offerId) => ({ offerId })) }, true),
    bulkUpdatePriceQuantity: (requests) => bulk('/bulk_update_price_quantity', { requests }, true),
    async getOffers(sku, marketplaceId) {
      const q = new URLSearchParams({ sku, marketplace_id: marketplaceId, format: 'FIXED_PRICE' });
      try {
        const res = await http.request({ method: 'GET', url: url(`/offer?${q}`), headers, idempotent: true });
        return res.json<{ offers?: ExistingOffer[] }>().offers ?? [];
      } catch (e) {
        // eBay answers 404 (errorId 25713) when the SKU has no offer.
        if (isHttpError(e) && e.status === 404) return [];
        throw e;
      }
    },
    async updateOffer(offerId, body) {
      await http.request({ method: 'PUT', url: url(`/offer/${encodeURIComponent(offerId)}`), json: body, headers, idempotent: true });
    },
    // Removals may be repeated: what is already gone answers 404 (or 25713 for an offer), which is the goal.
    withdrawOffer: (offerId) => gone(() => http.request({ method: 'POST', url: url(`/offer/${encodeURIComponent(offerId)}/withdraw`), headers, idempotent: true })),
    deleteOffer: (offerId) => gone(() => http.request({ method: 'DELETE', url: url(`/offer/${encodeURIComponent(offerId)}`), headers, idempotent: true })),
    deleteInventoryItem: (sku) => gone(() => http.request({ method: 'DELETE', url: url(`/inventory_item/${encodeURIComponent(sku)}`), headers, idempotent: true })),
    async putInventoryItemGroup(key, group) {
      await http.request({ method: 'PUT', url: url(`/inventory_item_group/${encodeURIComponent(key)}`), json: group, headers, idempotent: true });
    },
    async publishOfferByInventoryItemGroup(key, marketplaceId) {
      const res = await http.request({ method: 'POST', url: url('/offer/publish_by_inventory_item_group'), json: { inventoryItemGroupKey: key, marketplaceId }, headers, idempotent: true });
      return res.json<{ listingId?: string }>();
    },
    withdrawOfferByInventoryItemGroup: (key, marketplaceId) =>
      gone(() => http.request({ method: 'POST', url: url('/offer/withdraw_by_inventory_item_group'), json: { inventoryItemGroupKey: key, marketplaceId }, headers, idempotent: true })),
    deleteInventoryItemGroup: (key) => gone(() => http.request({ method: 'DELETE', url: url(`/inventory_item_group/${encodeURIComponent(key)}`), headers, idempotent: true })),
  };
}
