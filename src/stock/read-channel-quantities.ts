import { error, type Issue } from '../issues/issue.js';
import { isRecord, looksLikeJson, normalizeHeader, parseUnits, readJsonDocuments, readTable } from './read-table.js';

/** channel -> SKU -> quantity the channel shows. */
export type ChannelQuantities = Map<string, Map<string, number>>;

const CHANNEL = ['channel', 'marketplace'];
const SKU = ['sku', 'seller_sku', 'item_sku'];
const QUANTITY = ['quantity', 'qty', 'available', 'stock'];

const first = (values: Record<string, unknown>, names: string[]): string => {
  for (const n of names) if (values[n] !== undefined && String(values[n]).trim() !== '') return String(values[n]).trim();
  return '';
};

/**
 * Reads what the channels show: CSV/JSON rows with channel (or --channel), sku and quantity, or a
 * JSON object `{ "<channel>": { "<sku>": quantity } }`.
 */
export function readChannelQuantities(text: string, file: string, channel?: string): { quantities: ChannelQuantities; issues: Issue[] } {
  const quantities: ChannelQuantities = new Map();
  const issues: Issue[] = [];
  const add = (values: Record<string, unknown>, row: number): void => {
    const ch = channel ?? first(values, CHANNEL);
    const sku = first(values, SKU);
    const raw = first(values, QUANTITY);
    const qty = parseUnits(raw);
    if (!ch || !sku || qty === undefined) {
      const what = !ch ? 'no channel (add a channel column or pass --channel)' : !sku ? 'no sku' : `quantity "${raw}" is not a whole number >= 0`;
      issues.push(error('stock.reconcile.row_invalid', `${what}; the row was skipped`, { file, row, id: sku || undefined }));
      return;
    }
    const map = quantities.get(ch) ?? new Map<string, number>();
    if (map.has(sku)) {
      issues.push(error('stock.reconcile.duplicate', `channel ${ch} lists SKU ${sku} twice; the first is used`, { file, row, id: sku }));
      return;
    }
    quantities.set(ch, map.set(sku, qty));
  };
  if (!looksLikeJson(text, file)) {
    for (const { row, values } of readTable(text, file)) add(values, row);
    return { quantities, issues };
  }
  const docs = readJsonDocuments(text, file);
  const nested = docs.length === 1 && isRecord(docs[0]) && Object.values(docs[0]).every(isRecord);
  if (nested) {
    let row = 0;
    for (const [ch, skus] of Object.entries(docs[0] as Record<string, Record<string, unknown>>)) {
      for (const [sku, q] of Object.entries(skus)) add({ channel: channel ?? ch, sku, quantity: q }, ++row);
    }
  } else {
    docs.forEach((d, i) => {
      if (isRecord(d)) add(Object.fromEntries(Object.entries(d).map(([k, v]) => [normalizeHeader(k), v])), i + 1);
      else issues.push(error('stock.reconcile.row_invalid', 'not an object with channel, sku and quantity; skipped', { file, row: i + 1 }));
    });
  }
  return { quantities, issues };
}
