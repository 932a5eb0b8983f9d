import type { LoadedProject } from '../config/load.js';
import { openProjectLedger, stockPolicy } from '../stock/project-stock.js';
import { allocatedQuantities } from '../stock/quantities.js';

/**
 * With a `stock:` section, every feed shows the quantity the allocation gives its channel, not the
 * catalog's (see stockOverrides). The allocation is computed once per run, before the pass:
 * SKU -> stock channel -> quantity it may show; none without `stock:`.
 */
export function loadStockAllocation(project: LoadedProject): Map<string, Map<string, number>> | undefined {
  if (!project.config.stock) return undefined;
  const ledger = openProjectLedger(project);
  try {
    return allocatedQuantities(ledger, stockPolicy(project));
  } finally {
    ledger.close();
  }
}
