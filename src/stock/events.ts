/**
 * The ledger's event vocabulary. Events are facts, appended once and never changed:
 * - `count`: an absolute count of a SKU at one location at one time (from a warehouse or POS export).
 * - order-line events `reserved`, `shipped`, `cancelled`, `returned`: the quantity is cumulative
 *   for that line and kind ("3 units of this line have shipped so far"), so a channel that reports
 *   state (Amazon, eBay) and a replay of an old file both say the same thing twice, harmlessly.
 */
export const LINE_KINDS = ['reserved', 'shipped', 'cancelled', 'returned'] as const;
export type LineKind = (typeof LINE_KINDS)[number];
export type EventKind = 'count' | LineKind;

export const isLineKind = (s: string): s is LineKind => (LINE_KINDS as readonly string[]).includes(s);

export interface CountEvent {
  kind: 'count';
  /** Idempotency key, `import:<file hash or --key>:<sku>:<location>`. */
  key: string;
  sku: string;
  location: string;
  quantity: number;
  /** ISO 8601 UTC time the count was taken. */
  at: string;
}

export interface LineEvent {
  kind: LineKind;
  channel: string;
  order: string;
  line: string;
  sku: string;
  /** Warehouse or store the line is fulfilled from (or sold at); absent: the SKU as a whole. */
  location?: string;
  /** Units of the line in this state so far (cumulative, not a delta). */
  quantity: number;
  /** ISO 8601 UTC time of the change. */
  at: string;
}

export type LedgerEvent = CountEvent | LineEvent;

export interface StoredEvent {
  id: number;
  key: string;
  kind: EventKind;
  sku: string;
  /** Counts; order-line events when they name a location. */
  location: string | null;
  /** Order-line events only. */
  channel: string | null;
  order: string | null;
  line: string | null;
  quantity: number;
  at: string;
  recordedAt: string;
}

/** `channel:order:line:kind`, the idempotency key of an order-line event. */
export const lineKey = (e: Pick<LineEvent, 'channel' | 'order' | 'line' | 'kind'>): string =>
  `${e.channel}:${e.order}:${e.line}:${e.kind}`;

/**
 * When a line's kind was already recorded with another cumulative quantity (a partial shipment,
 * then the rest), the new state is stored under this key, so each state is recorded once.
 */
export const lineStateKey = (base: string, quantity: number): string => `${base}#${quantity}`;

/** `import:<source>:<sku>:<location>`, the idempotency key of a count. */
export const countKey = (source: string, sku: string, location: string): string => `import:${source}:${sku}:${location}`;

/** The ISO 8601 UTC form of a time, or undefined when it is not a time. */
export function toIsoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
