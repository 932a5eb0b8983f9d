import path from 'node:path';
import type { LoadedProject } from '../config/load.js';
import { ShelfcastError } from '../issues/issue.js';
import { stateDir } from '../run/state-paths.js';
import { StockLedger } from './ledger.js';
import { stockConfigSchema, type StockConfig } from './schema.js';

/** The project's `stock:` policy, or the defaults (no channels, safety 0) when the section is absent. */
export const stockPolicy = (project: LoadedProject): StockConfig => project.config.stock ?? stockConfigSchema.parse({});

/** `stock.ledger` relative to shelfcast.yaml, default `<state>/stock.sqlite`. */
export const ledgerFile = (project: LoadedProject): string => {
  const configured = stockPolicy(project).ledger;
  return configured ? path.resolve(project.root, configured) : path.join(stateDir(project), 'stock.sqlite');
};

export const openProjectLedger = (project: LoadedProject): StockLedger => StockLedger.open(ledgerFile(project));

/** The policy, refusing to allocate without channels (a usage error, exit 2). */
export function requireChannels(project: LoadedProject): StockConfig {
  const policy = stockPolicy(project);
  if (Object.keys(policy.channels).length === 0) {
    throw new ShelfcastError(`${path.basename(project.configFile)}: stock.channels: no channels to allocate to (add e.g. \`stock: { channels: { amazon: { share: 50 }, ebay: { share: 50 } } }\`)`);
  }
  return policy;
}
