import { createHash } from 'node:crypto';
import { error, ShelfcastError, type Issue } from '../issues/issue.js';
import { countKey, toIsoTime, type CountEvent } from './events.js';
import { parseUnits, pickColumn, readTable } from './read-table.js';

const SKU = ['sku', 'seller_sku', 'item_sku', 'variant_sku', 'product_sku', 'article_number', 'item_number', 'id'];
const LOCATION = ['location', 'location_id', 'warehouse', 'warehouse_id', 'store', 'store_id', 'store_code', 'site'];
const QUANTITY = ['quantity', 'qty', 'on_hand', 'onhand', 'quantity_on_hand', 'stock', 'count', 'inventory'];
const AT = ['counted_at', 'count_date', 'at', 'timestamp'];

export interface ReadCountsOptions {
  /** Idempotency source; default the first 16 hex digits of the file's SHA-256. */
  key?: string;
  /** Time of the counts when the file has no `counted_at` column (ISO 8601). Required. */
  at: string;
}

export interface ReadCounts {
  events: CountEvent[];
  issues: Issue[];
  /** The source part of the idempotency keys. */
  source: string;
}

export const fileHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Reads a warehouse or POS export of absolute counts: columns sku, location (optional, default
 * `default`) and quantity, with common aliases (`qty`, `on_hand`, `stock`, `warehouse`, ...).
 */
export function readCounts(text: string, file: string, options: ReadCountsOptions): ReadCounts {
  const table = readTable(text, file);
  const source = options.key ?? fileHash(text);
  const columns = Object.keys(table[0]?.values ?? {});
  const skuCol = pickColumn(columns, SKU);
  const qtyCol = pickColumn(columns, QUANTITY);
  if (table.length > 0 && (!skuCol || !qtyCol)) {
    const missing = [!skuCol && `sku column (or ${SKU.slice(1, 4).join(', ')})`, !qtyCol && `quantity column (or ${QUANTITY.slice(1, 5).join(', ')})`].filter(Boolean);
    throw new ShelfcastError(`${file}: no ${missing.join(' and no ')}; the columns are ${columns.join(', ')} (rename the header)`);
  }
  const locCol = pickColumn(columns, LOCATION);
  const atCol = pickColumn(columns, AT);
  const events: CountEvent[] = [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of table) {
    const sku = values[skuCol!]!;
    if (!sku) {
      issues.push(error('stock.import.sku_missing', 'the row has no SKU; it was skipped', { file, row, field: skuCol }));
      continue;
    }
    const quantity = parseUnits(values[qtyCol!]);
    if (quantity === undefined) {
      issues.push(error('stock.import.quantity_invalid', `quantity "${values[qtyCol!]}" is not a whole number of units >= 0; the row was skipped`, { file, row, id: sku, field: qtyCol }));
      continue;
    }
    const location = (locCol && values[locCol]) || 'default';
    let at = options.at;
    if (atCol && values[atCol]) {
      const parsed = toIsoTime(values[atCol]);
      if (!parsed) {
        issues.push(error('stock.import.at_invalid', `"${values[atCol]}" is not a date and time; the row was skipped`, { file, row, id: sku, field: atCol, fix: 'use ISO 8601, e.g. 2026-03-01T08:00:00Z' }));
        continue;
      }
      at = parsed;
    }
    const first = seen.get(`${sku}\u0000${location}`);
    if (first !== undefined) {
      issues.push(error('stock.import.duplicate', `SKU ${sku} at location ${location} is also counted on row ${first}; this row was skipped`, { file, row, id: sku, fix: 'add the counts up in the export, or give each bin its own location' }));
      continue;
    }
    seen.set(`${sku}\u0000${location}`, row);
    events.push({ kind: 'count', key: countKey(source, sku, location), sku, location, quantity, at });
  }
  return { events, issues, source };
}
