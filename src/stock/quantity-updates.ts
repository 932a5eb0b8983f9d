/** One SKU's new quantity on one channel (from an allocation or a reconcile correction). */
export interface QuantityUpdate {
  sku: string;
  quantity: number;
}

export interface AmazonQuantityFeedOptions {
  /** Selling partner id (merchant token) for the feed header. Required. */
  sellerId: string;
  /** Product type of the PATCH messages; default `PRODUCT` (valid for offer-only changes). */
  productType?: string;
  /** fulfillment_channel_code of the seller's own (MFN) stock; default `DEFAULT`. */
  fulfillmentChannelCode?: string;
  /** Locale of the processing report's messages; default none (Amazon picks the marketplace's). */
  issueLocale?: string;
}

/** Amazon accepts at most this many messages per JSON_LISTINGS_FEED document. */
export const AMAZON_FEED_MAX_MESSAGES = 25_000;
/** eBay bulkUpdatePriceQuantity takes at most this many SKUs per call. */
export const EBAY_BULK_MAX_REQUESTS = 25;

const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/**
 * JSON_LISTINGS_FEED documents that change only the quantity: one PATCH message per SKU with a
 * `merge` of fulfillment_availability, which leaves restock dates and handling times as they are.
 */
export function amazonQuantityFeeds(updates: readonly QuantityUpdate[], options: AmazonQuantityFeedOptions): object[] {
  const code = options.fulfillmentChannelCode ?? 'DEFAULT';
  return chunks(updates, AMAZON_FEED_MAX_MESSAGES).map((part) => ({
    header: { sellerId: options.sellerId, version: '2.0', ...(options.issueLocale ? { issueLocale: options.issueLocale } : {}) },
    messages: part.map((u, i) => ({
      messageId: i + 1,
      sku: u.sku,
      operationType: 'PATCH',
      productType: options.productType ?? 'PRODUCT',
      patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: code, quantity: u.quantity }] }],
    })),
  }));
}

/** Request bodies for eBay's bulkUpdatePriceQuantity, 25 SKUs each, setting the ship-to-home quantity only. */
export function ebayBulkQuantityRequests(updates: readonly QuantityUpdate[]): Array<{ requests: object[] }> {
  return chunks(updates, EBAY_BULK_MAX_REQUESTS).map((part) => ({
    requests: part.map((u) => ({ sku: u.sku, shipToLocationAvailability: { quantity: u.quantity } })),
  }));
}
