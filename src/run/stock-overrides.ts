import type { LoadedFeed } from '../config/load.js';
import type { Product } from '../product/product.js';
import { channelStock } from '../stock/quantities.js';

/** Overrides a product's quantity and availability with what one stock channel may show. */
export type StockOverride = (product: Product) => Product;

/** The stock channel a feed sells through: `stock_channel`, default the channel id. */
export const stockChannelOf = (feed: LoadedFeed): string => feed.config.stock_channel ?? feed.channel.id;

/**
 * Each feed's override from an allocation. Apart from the ledger (stock-view), so that worker
 * threads, which get the allocation, do not load the database driver.
 */
export function stockOverrides(allocated: Map<string, Map<string, number>>, feeds: LoadedFeed[], stores?: Map<string, Map<string, number>>): Map<string, StockOverride> {
  const overrides = new Map<string, StockOverride>();
  for (const feed of feeds) {
    if (feed.channel.id === 'google-local') {
      // A local inventory feed shows each store's units, not a channel's share.
      overrides.set(feed.id, (product) => {
        const at = stores?.get(product.id);
        return at ? { ...product, stores: Object.fromEntries(at) } : product;
      });
      continue;
    }
    const channel = stockChannelOf(feed);
    overrides.set(feed.id, (product) => {
      const s = channelStock(allocated, product.id, channel);
      if (!s) return product;
      const keep = product.availability === 'preorder' || product.availability === 'backorder';
      return { ...product, quantity: s.quantity, availability: keep ? product.availability : s.availability };
    });
  }
  return overrides;
}
