import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allocateNumbers } from '../../src/stock/allocate.js';
import { availableAt, deriveNumbers } from '../../src/stock/derive.js';
import type { StoredEvent } from '../../src/stock/events.js';
import { StockLedger } from '../../src/stock/ledger.js';
import { readOrders } from '../../src/stock/read-orders.js';
import { stockConfigSchema } from '../../src/stock/schema.js';

let id = 0;
const count = (location: string, quantity: number, at = '2026-03-01T06:00:00.000Z'): StoredEvent => ({ id: ++id, key: `c${id}`, kind: 'count', sku: 'S', location, channel: null, order: null, line: null, quantity, at, recordedAt: at });
const line = (kind: StoredEvent['kind'], order: string, quantity: number, location: string | null, at = '2026-03-01T08:00:00.000Z'): StoredEvent => ({ id: ++id, key: `l${id}`, kind, sku: 'S', location, channel: 'shop', order, line: '1', quantity, at, recordedAt: at });

describe('stock per location', () => {
  it('keeps each location its count, its shipments and its reservations; lines without a location count for the SKU only', () => {
    const n = deriveNumbers('S', [count('store-a', 10), count('store-b', 4), line('reserved', 'O1', 3, 'store-a'), line('shipped', 'O1', 2, 'store-a'), line('reserved', 'O2', 1, null), line('reserved', 'O3', 2, 'store-b')], 0);
    expect(n.locations).toEqual({ 'store-a': { onHand: 8, reserved: 1 }, 'store-b': { onHand: 4, reserved: 2 } });
    expect([n.onHand, n.reserved, n.available]).toEqual([12, 4, 8]);
    expect(availableAt(n, ['store-a'])).toBe(7);
    expect(availableAt(n, ['store-b'])).toBe(2);
    // Never more than the SKU's available, which also holds the unlocated order and the safety stock.
    const tight = deriveNumbers('S', [count('store-a', 10), line('reserved', 'O9', 6, null)], 1);
    expect(availableAt(tight, ['store-a'])).toBe(3);
  });

  it('a shipment from a store counted later is already in that count', () => {
    const n = deriveNumbers('S', [count('store-a', 10, '2026-03-01T06:00:00.000Z'), count('store-b', 5, '2026-03-01T12:00:00.000Z'), line('reserved', 'O1', 2, 'store-a'), line('shipped', 'O1', 2, 'store-a', '2026-03-01T09:00:00.000Z')], 0);
    // store-a's count (06:00) is before the shipment (09:00): it comes off; the later count of store-b does not hide it.
    expect(n.locations['store-a']).toEqual({ onHand: 8, reserved: 0 });
    expect(n.onHand).toBe(13);
  });

  it('allocates channels with `locations` from those locations, the others from the whole SKU', () => {
    const policy = stockConfigSchema.parse({ strict: true, channels: { google_local: { locations: ['store-a'] }, web: { share: 50 } } });
    const n = deriveNumbers('S', [count('store-a', 6), count('warehouse', 20)], 0);
    expect(allocateNumbers(n, policy)).toEqual({ google_local: 6, web: 13 });
  });

  it('reads the location of order rows, or --location for every row', () => {
    const csv = 'channel,order,line,sku,kind,quantity,at,store\nshop,1,1,S,reserved,2,2026-03-01T08:00:00Z,store-a\nshop,2,1,S,reserved,1,2026-03-01T08:00:00Z,\n';
    expect(readOrders(csv, 'o.csv', { at: '2026-03-01T00:00:00Z' }).events.map((e) => e.location)).toEqual(['store-a', undefined]);
    expect(readOrders(csv, 'o.csv', { at: '2026-03-01T00:00:00Z', location: 'web' }).events.map((e) => e.location)).toEqual(['store-a', 'web']);
  });

  it('opens a ledger written before locations, and records located order lines in it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-ledger-v1-'));
    try {
      const file = path.join(dir, 'stock.sqlite');
      const old = StockLedger.open(file);
      old.apply([{ kind: 'count', key: 'import:x:S:default', sku: 'S', location: 'default', quantity: 5, at: '2026-03-01T06:00:00Z' }, { kind: 'reserved', channel: 'shop', order: 'O1', line: '1', sku: 'S', quantity: 2, at: '2026-03-01T07:00:00Z' }]);
      old.close();
      expect(new Database(file).pragma('user_version', { simple: true })).toBe(1);
      const ledger = StockLedger.open(file);
      ledger.apply([{ kind: 'count', key: 'import:y:S:store-a', sku: 'S', location: 'store-a', quantity: 3, at: '2026-03-01T06:00:00Z' }, { kind: 'reserved', channel: 'shop', order: 'O2', line: '1', sku: 'S', quantity: 1, at: '2026-03-01T08:00:00Z', location: 'store-a' }]);
      const n = ledger.numbers('S', 0);
      ledger.close();
      expect([n.onHand, n.reserved, n.available]).toEqual([8, 3, 5]);
      expect(n.locations).toEqual({ default: { onHand: 5, reserved: 0 }, 'store-a': { onHand: 3, reserved: 1 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records an oversell at a store that sold more than it has, while the warehouse still has the SKU', () => {
    const ledger = StockLedger.open(':memory:');
    try {
      const counts = [
        { kind: 'count' as const, key: 'import:x:S:warehouse', sku: 'S', location: 'warehouse', quantity: 20, at: '2026-03-01T06:00:00Z' },
        { kind: 'count' as const, key: 'import:x:S:store-a', sku: 'S', location: 'store-a', quantity: 2, at: '2026-03-01T06:00:00Z' },
      ];
      const sale = (order: string, quantity: number, location?: string) => ({ kind: 'reserved' as const, channel: 'pos', order, line: '1', sku: 'S', quantity, at: '2026-03-01T08:00:00Z', ...(location ? { location } : {}) });
      ledger.apply(counts);
      expect(ledger.apply([sale('O1', 2, 'store-a')]).incidents).toEqual([]);
      const { incidents } = ledger.apply([sale('O2', 1, 'store-a'), sale('O3', 5), sale('O4', 1, 'nowhere-counted')]);
      // Only O2: O3 names no location and the SKU has room; a location never counted has no stock of its own to judge.
      expect(incidents.map((i) => [i.order, i.units, i.location, i.locationOnHand, i.locationReserved, i.onHand, i.reserved])).toEqual([['O2', 1, 'store-a', 2, 3, 22, 3]]);
      expect(ledger.incidents('S')).toEqual(incidents);
    } finally {
      ledger.close();
    }
  });

  it('adds the location columns to the incidents of a ledger written before them, keeping its incidents', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-ledger-incidents-'));
    try {
      const file = path.join(dir, 'stock.sqlite');
      const first = StockLedger.open(file);
      first.apply([{ kind: 'count', key: 'import:x:S:default', sku: 'S', location: 'default', quantity: 1, at: '2026-03-01T06:00:00Z' }, { kind: 'reserved', channel: 'shop', order: 'O1', line: '1', sku: 'S', quantity: 2, at: '2026-03-01T07:00:00Z' }]);
      first.close();
      // The incidents table as the first ledger format had it.
      const db = new Database(file);
      for (const c of ['location', 'location_on_hand', 'location_reserved']) db.exec(`ALTER TABLE incidents DROP COLUMN ${c}`);
      db.close();
      const ledger = StockLedger.open(file);
      const [old] = ledger.incidents('S');
      ledger.close();
      expect([old?.order, old?.units, old?.location]).toEqual(['O1', 1, undefined]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
