import { allocateNumbers, type SkuAllocation } from './allocate.js';
import { availableAt, type SkuNumbers } from './derive.js';
import type { StockLedger } from './ledger.js';
import type { StockConfig } from './schema.js';

export interface AllocationRow {
  sku: string;
  numbers: SkuNumbers;
  allocation: SkuAllocation;
}

/** Numbers and allocation of every SKU in the ledger, sorted by SKU. */
export function* allocationRows(ledger: StockLedger, policy: StockConfig): Generator<AllocationRow> {
  for (const numbers of ledger.allNumbers(policy.safety)) {
    yield { sku: numbers.sku, numbers, allocation: allocateNumbers(numbers, policy) };
  }
}

/**
 * For the feeds: SKU -> channel name -> the quantity that channel may show. SKUs without events
 * are absent (the feed keeps the catalog's quantity for them).
 */
export function allocatedQuantities(ledger: StockLedger, policy: StockConfig): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const row of allocationRows(ledger, policy)) out.set(row.sku, new Map(Object.entries(row.allocation)));
  return out;
}

/**
 * For local inventory: SKU -> location -> the units that location may show (its on hand minus its
 * reservations, never more than the SKU's available). Only locations the ledger counted the SKU at
 * or recorded its orders at are present.
 */
export function storeQuantities(ledger: StockLedger, policy: StockConfig): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const n of ledger.allNumbers(policy.safety)) {
    const locations = Object.keys(n.locations);
    if (locations.length) out.set(n.sku, new Map(locations.map((l) => [l, availableAt(n, [l])])));
  }
  return out;
}

/**
 * What a channel's feed shows for a SKU: the allocated quantity and the availability that goes
 * with it; undefined when the ledger does not know the SKU or the policy not the channel (the feed
 * then keeps the catalog's values).
 */
export function channelStock(
  allocated: Map<string, Map<string, number>>,
  sku: string,
  channel: string,
): { quantity: number; availability: 'in_stock' | 'out_of_stock' } | undefined {
  const quantity = allocated.get(sku)?.get(channel);
  if (quantity === undefined) return undefined;
  return { quantity, availability: quantity > 0 ? 'in_stock' : 'out_of_stock' };
}
