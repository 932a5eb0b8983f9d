import type { LineKind, StoredEvent } from './events.js';

/** The derived numbers of one SKU. */
export interface SkuNumbers {
  sku: string;
  /** Latest counts plus returns minus shipments recorded after the SKU's latest count. */
  onHand: number;
  /** Latest count per location (before adjustments). */
  counts: Record<string, number>;
  /** Time of the SKU's latest count, if any. */
  countedAt: string | null;
  /** Units of open order lines: reserved - shipped - cancelled, per line, never below 0. */
  reserved: number;
  safety: number;
  /** max(0, onHand - reserved - safety): what the channels may share. */
  available: number;
  /**
   * Per location (warehouse or store), sorted by name: its latest count adjusted by the order
   * events that name it, and its open reservations. Order events that name no location count for
   * the SKU as a whole only (in onHand and reserved above).
   */
  locations: Record<string, LocationNumbers>;
}

/** One location's share of a SKU's numbers. */
export interface LocationNumbers {
  /** Latest count here, plus returns minus shipments here after that count. */
  onHand: number;
  /** Open units of order lines fulfilled from here. */
  reserved: number;
}

type Levels = Record<LineKind, number>;
const zero = (): Levels => ({ reserved: 0, shipped: 0, cancelled: 0, returned: 0 });

/**
 * Derives a SKU's numbers from its events (any order). The semantics:
 * - A count is absolute at its time: it already includes every shipment and return up to and
 *   including that time. Each location keeps its latest count (latest `at`, then latest recorded).
 * - on_hand = sum of the latest counts + units returned - units shipped after the count they
 *   follow: the latest count of the location the order line names, or, for lines that name none,
 *   the SKU's latest count (so an import should count all of a SKU's locations at once). Without
 *   any count, every shipment and return counts (from 0).
 * - Order-line quantities are cumulative: a line's level of each kind is the largest quantity
 *   recorded for it, and the part after the count time is that level minus the largest quantity
 *   recorded at or before it.
 * - reserved = sum over lines of max(0, reserved - shipped - cancelled).
 * - available = max(0, on_hand - reserved - safety).
 */
export function deriveNumbers(sku: string, events: readonly StoredEvent[], safety: number): SkuNumbers {
  const latest = new Map<string, StoredEvent>();
  for (const e of events) {
    if (e.kind !== 'count') continue;
    const loc = e.location ?? 'default';
    const prev = latest.get(loc);
    if (!prev || e.at > prev.at || (e.at === prev.at && e.id > prev.id)) latest.set(loc, e);
  }
  const counts: Record<string, number> = {};
  let base = 0;
  let countedAt: string | null = null;
  for (const [loc, e] of [...latest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    counts[loc] = e.quantity;
    base += e.quantity;
    if (countedAt === null || e.at > countedAt) countedAt = e.at;
  }

  // A line belongs to the location its latest event naming one names (an order may move to another store).
  const all = new Map<string, Levels>();
  const before = new Map<string, Levels>();
  const lineLocation = new Map<string, { at: string; id: number; location: string }>();
  for (const e of events) {
    if (e.kind === 'count') continue;
    const id = `${e.channel}\u0000${e.order}\u0000${e.line}`;
    const a = all.get(id) ?? zero();
    a[e.kind] = Math.max(a[e.kind], e.quantity);
    all.set(id, a);
    const seen = lineLocation.get(id);
    if (e.location !== null && (!seen || e.at > seen.at || (e.at === seen.at && e.id > seen.id))) lineLocation.set(id, { at: e.at, id: e.id, location: e.location });
  }
  // The part of a line after its count: the SKU's latest count, or its own location's when it names one.
  const countTime = (location: string | null): string | null => (location === null ? countedAt : (latest.get(location)?.at ?? null));
  for (const e of events) {
    if (e.kind === 'count') continue;
    const id = `${e.channel}\u0000${e.order}\u0000${e.line}`;
    const since = countTime(lineLocation.get(id)?.location ?? null);
    if (since !== null && e.at <= since) {
      const b = before.get(id) ?? zero();
      b[e.kind] = Math.max(b[e.kind], e.quantity);
      before.set(id, b);
    }
  }
  const locations: Record<string, LocationNumbers> = {};
  for (const loc of Object.keys(counts)) locations[loc] = { onHand: counts[loc]!, reserved: 0 };
  let reserved = 0;
  let adjust = 0;
  for (const [id, a] of all) {
    const b = before.get(id) ?? zero();
    const open = Math.max(0, a.reserved - a.shipped - a.cancelled);
    const moved = a.returned - b.returned - (a.shipped - b.shipped);
    reserved += open;
    adjust += moved;
    const loc = lineLocation.get(id)?.location;
    if (loc !== undefined) {
      const l = (locations[loc] ??= { onHand: 0, reserved: 0 });
      l.onHand += moved;
      l.reserved += open;
    }
  }
  const onHand = base + adjust;
  const sorted = Object.fromEntries(Object.entries(locations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { sku, onHand, counts, countedAt, reserved, safety, available: Math.max(0, onHand - reserved - safety), locations: sorted };
}

/**
 * Units the chosen locations may show: their on hand minus their reservations, never more than the
 * SKU's available (which also holds the orders that name no location, and the safety stock).
 */
export function availableAt(n: SkuNumbers, locations: readonly string[]): number {
  let sum = 0;
  for (const loc of locations) {
    const l = n.locations[loc];
    if (l) sum += l.onHand - l.reserved;
  }
  return Math.max(0, Math.min(sum, n.available));
}

/** on_hand - reserved - safety before clamping: below 0 means more was sold than there is. */
export const headroom = (n: SkuNumbers): number => n.onHand - n.reserved - n.safety;

/**
 * Sold more than it may: open orders reach into the safety stock or beyond on hand, or more was
 * shipped than counted. A SKU that merely has fewer units than its safety stock is not oversold.
 */
export const isOversold = (n: SkuNumbers): boolean => n.onHand < 0 || (n.reserved > 0 && headroom(n) < 0);
