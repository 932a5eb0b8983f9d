import type { LoadedFeed, LoadedProject } from '../config/load.js';
import type { Product } from '../product/product.js';
import { openProjectLedger, stockPolicy } from '../stock/project-stock.js';
import { allocatedQuantities, channelStock } from '../stock/quantities.js';

/** Overrides a product's quantity and availability with what one stock channel may show. */
export type StockOverride = (product: Product) => Product;

/** The stock channel a feed sells through: `stock_channel`, default the channel id. */
export const stockChannelOf = (feed: LoadedFeed): string => feed.config.stock_channel ?? feed.channel.id;

/**
 * With a `stock:` section, every feed shows the quantity the allocation gives its channel, not the
 * catalog's. The allocation is computed once per run, before the pass. Pre-orders and back-orders
 * keep their availability (they are sold without stock on hand); SKUs the ledger does not know keep
 * the catalog's values.
 */
export function loadStockOverrides(project: LoadedProject, feeds: LoadedFeed[]): Map<string, StockOverride> | undefined {
  const allocated = loadStockAllocation(project);
  return allocated && stockOverrides(allocated, feeds);
}

/** SKU -> stock channel -> quantity it may show, read from the ledger once per run; none without `stock:`. */
export function loadStockAllocation(project: LoadedProject): Map<string, Map<string, number>> | undefined {
  if (!project.config.stock) return undefined;
  const ledger = openProjectLedger(project);
  try {
    return allocatedQuantities(ledger, stockPolicy(project));
  } finally {
    ledger.close();
  }
}

/** Each feed's override from an allocation (worker threads get the allocation, not the ledger). */
export function stockOverrides(allocated: Map<string, Map<string, number>>, feeds: LoadedFeed[]): Map<string, StockOverride> {
  const overrides = new Map<string, StockOverride>();
  for (const feed of feeds) {
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
