import type { LoadedProject } from '../config/load.js';
import type { StockLedger } from '../stock/ledger.js';
import type { StockConfig } from '../stock/schema.js';
import { openProjectLedger, stockPolicy } from '../stock/project-stock.js';
import { allocatedQuantities, storeQuantities } from '../stock/quantities.js';

/** What `read` takes from the project's ledger, which is closed again; none without `stock:`. */
function fromLedger<T>(project: LoadedProject, read: (ledger: StockLedger, policy: StockConfig) => T): T | undefined {
  if (!project.config.stock) return undefined;
  const ledger = openProjectLedger(project);
  try {
    return read(ledger, stockPolicy(project));
  } finally {
    ledger.close();
  }
}

/**
 * With a `stock:` section, every feed shows the quantity the allocation gives its channel, not the
 * catalog's (see stockOverrides). The allocation is computed once per run, before the pass:
 * SKU -> stock channel -> quantity it may show; none without `stock:`.
 */
export const loadStockAllocation = (project: LoadedProject): Map<string, Map<string, number>> | undefined => fromLedger(project, allocatedQuantities);

/** For local inventory feeds: SKU -> ledger location -> units that location may show; none without `stock:`. */
export const loadStoreStock = (project: LoadedProject): Map<string, Map<string, number>> | undefined => fromLedger(project, storeQuantities);
