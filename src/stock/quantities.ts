import { allocateSku, type SkuAllocation } from './allocate.js';
import type { SkuNumbers } from './derive.js';
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
    yield { sku: numbers.sku, numbers, allocation: allocateSku(numbers.available, policy) };
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
