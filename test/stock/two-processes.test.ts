import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/stock/events.js';
import { StockLedger } from '../../src/stock/ledger.js';
import { transpileForChild } from './transpile.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-stock-'));
const child = transpileForChild('src/stock/ledger.ts');
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(child.dir, { recursive: true, force: true });
});

const reserve = (channel: string, order: string): LedgerEvent =>
  ({ kind: 'reserved', channel, order, line: '1', sku: 'MUG', quantity: 1, at: '2026-01-01T10:00:00.000Z' });

/** Resolves with the child's next message. */
const nextMessage = (p: ChildProcess): Promise<any> =>
  new Promise((resolve, reject) => {
    p.once('message', resolve);
    p.once('exit', (code) => reject(new Error(`writer exited with ${code}`)));
  });

describe('two processes writing to one ledger', () => {
  it('lose no event, record each shared event once, and serialize the oversell check', async () => {
    const db = path.join(work, 'stock.sqlite');
    const setup = StockLedger.open(db);
    setup.apply([{ kind: 'count', key: 'import:setup:MUG:default', sku: 'MUG', location: 'default', quantity: 300, at: '2026-01-01T09:00:00.000Z' }]);
    setup.close();

    const shared = Array.from({ length: 50 }, (_, i) => reserve('shop', `shared-${i}`));
    const writers = ['amazon', 'ebay'].map((channel, w) => {
      const own = Array.from({ length: 200 }, (_, i) => reserve(channel, `${channel}-${i}`));
      // Interleave the shared events differently in each writer so both race for them.
      const events = w === 0 ? [...shared, ...own] : [...own, ...shared.slice().reverse()];
      const file = path.join(work, `events-${channel}.json`);
      writeFileSync(file, JSON.stringify(events));
      return fork(path.join(__dirname, 'ledger-writer.mjs'), [child.file, db, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    });
    await Promise.all(writers.map((p) => nextMessage(p).then((m) => expect(m).toBe('ready'))));
    const done = writers.map((p) => nextMessage(p));
    for (const p of writers) p.send('go');
    const results = await Promise.all(done);

    const ledger = StockLedger.open(db);
    try {
      expect(results.reduce((s, r) => s + r.inserted, 0)).toBe(450);
      expect(ledger.count()).toBe(451);
      const n = ledger.numbers('MUG', 0);
      expect(n.onHand).toBe(300);
      expect(n.reserved).toBe(450);
      expect(n.available).toBe(0);
      // 450 units reserved against 300: exactly 150 oversold, each counted once across both writers.
      expect(results.reduce((s, r) => s + r.incidentUnits, 0)).toBe(150);
      expect(ledger.incidents('MUG').reduce((s, i) => s + i.units, 0)).toBe(150);
    } finally {
      ledger.close();
    }
  });
});
