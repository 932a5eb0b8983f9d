import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BufferShelf } from '../../src/run/pass/buffer-shelf.js';
import { WorkerPool } from '../../src/run/pass/worker-pool.js';
import { REPO } from '../e2e/cli.js';

describe('WorkerPool', () => {
  it('answers a unit that fails in a worker with an error saying so, and keeps serving', async () => {
    const pool = new WorkerPool(1, { configFile: path.join(REPO, 'shelfcast.yaml'), feedIds: ['google'], now: Date.UTC(2026, 0, 1) });
    try {
      // A delimiter the scanner refuses: a bug of the main thread's cutting, not of the catalog.
      const bad = pool.run({ kind: 'csv', seq: 0, bytes: new Uint8Array([0x61, 0x0a]), firstRow: 2, delimiter: '""', eol: 1, names: ['id'], invalidSeen: false });
      await expect(bad).rejects.toThrow(/internal error in a worker thread/);
      const good = await pool.run({ kind: 'mapped', seq: 1, rows: [] });
      expect(good.seq).toBe(1);
      expect(good.feeds).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});

describe('BufferShelf', () => {
  it('hands back a kept buffer that is large enough, else a new power of two', () => {
    const shelf = new BufferShelf(2);
    const a = shelf.take(100_000);
    expect(a.byteLength).toBe(131_072);
    shelf.put(a);
    expect(shelf.take(90_000)).toBe(a);
    shelf.put(new ArrayBuffer(1 << 16));
    shelf.put(new ArrayBuffer(1 << 20));
    shelf.put(new ArrayBuffer(1 << 18));
    // Two kept at most, the larger ones.
    expect(shelf.take(1 << 19).byteLength).toBe(1 << 20);
    expect(shelf.take(1 << 17).byteLength).toBe(1 << 18);
  });
});
