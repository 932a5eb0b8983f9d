import { error, type Issue } from '../issues/issue.js';
import { ORDER_READERS } from '../channels/registry.js';
import { isLineKind, toIsoTime, type LineEvent, type LineKind } from './events.js';
import { isRecord, looksLikeJson, normalizeHeader, parseUnits, readJsonDocuments, readTable } from './read-table.js';

/** `auto`, the shelfcast shape, or a channel whose order export the channel registry reads. */
export const ORDER_FORMATS: readonly string[] = ['auto', 'shelfcast', ...ORDER_READERS.map(([id]) => id)];
export type OrdersFormat = string;

export interface ReadOrdersOptions {
  /** Input shape; default `auto` (detected from the content). */
  format?: OrdersFormat;
  /** Channel name recorded on the events; default the order format's channel, or the file's `channel` column. */
  channel?: string;
  /** Time for rows without an `at` column (ISO 8601). Required. */
  at: string;
  /** `--location`: warehouse or store of rows that name none (every Amazon and eBay line); default none (the SKU as a whole). */
  location?: string;
}

export interface ReadOrders {
  format: Exclude<OrdersFormat, 'auto'>;
  events: LineEvent[];
  issues: Issue[];
}

/** Column aliases of the shelfcast order-event shape. */
const FIELDS: Record<'channel' | 'order' | 'line' | 'sku' | 'kind' | 'quantity' | 'at' | 'location', string[]> = {
  channel: ['channel', 'marketplace'],
  order: ['order', 'order_id', 'order_number'],
  line: ['line', 'line_id', 'line_item_id', 'order_item_id', 'item_id'],
  sku: ['sku', 'seller_sku'],
  kind: ['kind', 'event', 'status'],
  quantity: ['quantity', 'qty'],
  at: ['at', 'time', 'timestamp', 'date'],
  location: ['location', 'location_id', 'store', 'store_code', 'store_id', 'warehouse', 'warehouse_id'],
};

const KIND_ALIASES: Record<string, LineKind> = {
  ordered: 'reserved', reserve: 'reserved', sold: 'reserved',
  ship: 'shipped', fulfilled: 'shipped',
  cancel: 'cancelled', canceled: 'cancelled',
  return: 'returned',
};

const field = (values: Record<string, unknown>, name: keyof typeof FIELDS): string => {
  for (const alias of FIELDS[name]) {
    const v = values[alias];
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
  }
  return '';
};

/**
 * One row of the shelfcast shape: channel, order, line (default: the SKU), sku, kind (reserved,
 * shipped, cancelled, returned), quantity (cumulative units of the line in that state), at.
 */
function ownEvent(values: Record<string, unknown>, file: string, row: number, options: ReadOrdersOptions, issues: Issue[]): LineEvent | undefined {
  const sku = field(values, 'sku');
  const order = field(values, 'order');
  const channel = options.channel ?? field(values, 'channel');
  const missing = [!channel && 'channel', !order && 'order', !sku && 'sku'].filter(Boolean);
  if (missing.length > 0) {
    issues.push(error('stock.orders.field_missing', `no ${missing.join(', ')}; the row was skipped`, { file, row, id: sku || undefined, fix: missing.includes('channel') ? 'add a channel column or pass --channel' : undefined }));
    return undefined;
  }
  const rawKind = field(values, 'kind').toLowerCase();
  const kind = isLineKind(rawKind) ? rawKind : KIND_ALIASES[rawKind];
  if (!kind) {
    issues.push(error('stock.orders.kind_unknown', `kind "${rawKind}" is not one of reserved, shipped, cancelled, returned; the row was skipped`, { file, row, id: sku, field: 'kind' }));
    return undefined;
  }
  const rawQty = field(values, 'quantity');
  const quantity = parseUnits(rawQty);
  if (quantity === undefined) {
    issues.push(error('stock.orders.quantity_invalid', `quantity "${rawQty}" is not a whole number of units >= 0; the row was skipped`, { file, row, id: sku, field: 'quantity' }));
    return undefined;
  }
  const rawAt = field(values, 'at');
  const at = rawAt ? toIsoTime(rawAt) : options.at;
  if (!at) {
    issues.push(error('stock.orders.at_invalid', `"${rawAt}" is not a date and time; the row was skipped`, { file, row, id: sku, field: 'at', fix: 'use ISO 8601, e.g. 2026-03-01T08:00:00Z' }));
    return undefined;
  }
  const location = field(values, 'location') || options.location;
  return { channel, order, line: field(values, 'line') || sku, sku, kind, quantity, at, ...(location ? { location } : {}) };
}

/** Reads order events: the shelfcast CSV/JSON shape, or a channel's order export (its folder's OrderReader). */
export function readOrders(text: string, file: string, options: ReadOrdersOptions): ReadOrders {
  const events: LineEvent[] = [];
  const issues: Issue[] = [];
  const push = (e: LineEvent | undefined): void => void (e && events.push(e));
  if (!looksLikeJson(text, file)) {
    for (const { row, values } of readTable(text, file)) push(ownEvent(values, file, row, options, issues));
    return { format: 'shelfcast', events, issues };
  }
  let docs = readJsonDocuments(text, file);
  if (docs.length === 1 && isRecord(docs[0]) && Array.isArray(docs[0].events)) docs = docs[0].events;
  const first = docs[0];
  const format = options.format && options.format !== 'auto' ? options.format : (ORDER_READERS.find(([, r]) => r.detect(first))?.[0] ?? 'shelfcast');
  const reader = ORDER_READERS.find(([id]) => id === format)?.[1];
  const located = (list: LineEvent[]): LineEvent[] => (options.location ? list.map((e) => ({ ...e, location: options.location })) : list);
  docs.forEach((doc, i) => {
    const item = i + 1;
    if (reader) events.push(...located(reader.events(doc, options.channel ?? format, file, item, issues)));
    else if (isRecord(doc)) {
      const values = Object.fromEntries(Object.entries(doc).map(([k, v]) => [normalizeHeader(k), v]));
      push(ownEvent(values, file, item, options, issues));
    } else issues.push(error('stock.orders.invalid', 'not an order event object; skipped', { file, row: item }));
  });
  return { format, events, issues };
}
