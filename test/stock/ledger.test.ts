import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CountEvent, LedgerEvent } from '../../src/stock/events.js';
import { StockLedger } from '../../src/stock/ledger.js';
import { allocatedQuantities, channelStock } from '../../src/stock/quantities.js';
import { stockConfigSchema } from '../../src/stock/schema.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-ledger-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const count = (quantity: number, at: string, location = 'default', source = at): CountEvent =>
  ({ kind: 'count', key: `import:${source}:MUG:${location}`, sku: 'MUG', location, quantity, at });
const line = (kind: 'reserved' | 'shipped' | 'cancelled' | 'returned', order: string, quantity: number, at: string): LedgerEvent =>
  ({ kind, channel: 'shop', order, line: '1', sku: 'MUG', quantity, at });

describe('derived numbers: a count is absolute at its time', () => {
  it('takes off shipments after the latest count, and ignores those the count already includes', () => {
    const ledger = StockLedger.open(':memory:');
    ledger.apply([
      line('reserved', 'o1', 2, '2026-03-01T08:00:00Z'),
      line('shipped', 'o1', 2, '2026-03-01T09:00:00Z'),
      count(10, '2026-03-01T10:00:00Z'),
      line('reserved', 'o2', 3, '2026-03-01T11:00:00Z'),
      line('shipped', 'o2', 1, '2026-03-01T12:00:00Z'),
    ].map((e) => ({ ...e, at: new Date(e.at).toISOString() })));
    // o1 shipped before the count (already in the 10); o2 shipped 1 after it and holds 2 more.
    expect(ledger.numbers('MUG', 1)).toMatchObject({ onHand: 9, reserved: 2, safety: 1, available: 6 });
    ledger.close();
  });

  it('adds returns after the count, keeps the latest count per location, and never shows available below 0', () => {
    const ledger = StockLedger.open(':memory:');
    const iso = (s: string) => new Date(s).toISOString();
    ledger.apply([
      count(5, iso('2026-03-01T10:00:00Z'), 'berlin'),
      count(7, iso('2026-03-01T09:00:00Z'), 'berlin', 'older'),
      count(1, iso('2026-03-01T10:00:00Z'), 'hamburg'),
      line('reserved', 'o1', 1, iso('2026-03-01T08:00:00Z')),
      line('shipped', 'o1', 1, iso('2026-03-01T08:30:00Z')),
      line('returned', 'o1', 1, iso('2026-03-01T11:00:00Z')),
      line('reserved', 'o2', 9, iso('2026-03-01T11:30:00Z')),
    ]);
    const n = ledger.numbers('MUG', 0);
    expect(n).toMatchObject({ onHand: 7, counts: { berlin: 5, hamburg: 1 }, reserved: 9, available: 0, countedAt: iso('2026-03-01T10:00:00Z') });
    expect(ledger.incidents().map((i) => [i.order, i.units])).toEqual([['o2', 2]]);
    ledger.close();
  });
});

describe('the ledger file', () => {
  it('is append-only', () => {
    const file = path.join(work, 'append-only.sqlite');
    const ledger = StockLedger.open(file);
    ledger.apply([count(3, '2026-03-01T10:00:00.000Z')]);
    ledger.close();
    const db = new Database(file);
    expect(() => db.prepare('UPDATE events SET quantity = 99').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('stores times in one ISO form and refuses a bad event without recording any of the batch', () => {
    const ledger = StockLedger.open(':memory:');
    ledger.apply([count(3, '2026-03-01T11:00:00+01:00', 'default', 'a')]);
    expect(ledger.events('MUG').map((e) => e.at)).toEqual(['2026-03-01T10:00:00.000Z']);
    expect(() => ledger.apply([count(4, '2026-03-02T10:00:00Z', 'default', 'b'), count(-1, '2026-03-02T10:00:00Z', 'x', 'c')])).toThrow(/quantity -1 is not a whole number >= 0; nothing was recorded/);
    expect(() => ledger.apply([count(4, 'soon', 'default', 'd')])).toThrow(/"soon" is not a time/);
    expect(ledger.count()).toBe(1);
    ledger.close();
  });

  it('refuses a ledger written by a newer format', () => {
    const file = path.join(work, 'newer.sqlite');
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => StockLedger.open(file)).toThrow(/newer shelfcast \(format 99\); upgrade shelfcast/);
  });

  it('explains a ledger that cannot be created', () => {
    const notAFolder = path.join(work, 'state-is-a-file');
    writeFileSync(notAFolder, '');
    expect(() => StockLedger.open(path.join(notAFolder, 'stock.sqlite'))).toThrow(/cannot open the stock ledger: E[A-Z]+ \(check that the state folder is writable\)/);
  });
});

describe('allocatedQuantities (for the feeds)', () => {
  it('maps SKU -> channel -> quantity for every SKU in the ledger', () => {
    const ledger = StockLedger.open(':memory:');
    ledger.apply([count(12, '2026-03-01T10:00:00.000Z'), { ...count(0, '2026-03-01T10:00:00.000Z'), key: 'import:x:CAP:default', sku: 'CAP' }]);
    const policy = stockConfigSchema.parse({ safety: 2, strict: true, channels: { amazon: { share: 70 }, ebay: { share: 30 } } });
    const q = allocatedQuantities(ledger, policy);
    expect([...q.keys()]).toEqual(['CAP', 'MUG']);
    expect(Object.fromEntries(q.get('MUG')!)).toEqual({ amazon: 7, ebay: 3 });
    expect(Object.fromEntries(q.get('CAP')!)).toEqual({ amazon: 0, ebay: 0 });
    expect(channelStock(q, 'MUG', 'ebay')).toEqual({ quantity: 3, availability: 'in_stock' });
    expect(channelStock(q, 'CAP', 'amazon')).toEqual({ quantity: 0, availability: 'out_of_stock' });
    expect(channelStock(q, 'MUG', 'google')).toBeUndefined();
    expect(channelStock(q, 'NEW', 'amazon')).toBeUndefined();
    ledger.close();
  });
});
