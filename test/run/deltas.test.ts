import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyAcknowledged, computeDelta, hashesFile, itemHash, loadHashes, saveHashes } from '../../src/run/deltas.js';

describe('deltas', () => {
  let state: string;
  beforeEach(async () => {
    state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-deltas-'));
  });
  afterEach(async () => rm(state, { recursive: true, force: true }));

  it('hashes content, not key order', () => {
    expect(itemHash({ id: '1', title: 'Mug', price: '9.99 USD' })).toBe(itemHash({ price: '9.99 USD', title: 'Mug', id: '1' }));
    expect(itemHash({ id: '1', title: 'Mug' })).not.toBe(itemHash({ id: '1', title: 'Mug ' }));
    expect(itemHash({ a: ['x', 'y'] })).not.toBe(itemHash({ a: ['y', 'x'] }));
  });

  it('finds changed, new and deleted items; --full sends all', () => {
    const previous = new Map([['a', itemHash({ t: 1 })], ['b', itemHash({ t: 2 })], ['gone', itemHash({ t: 3 })]]);
    const current = [
      { id: 'a', hash: itemHash({ t: 1 }) },
      { id: 'b', hash: itemHash({ t: 22 }) },
      { id: 'new', hash: itemHash({ t: 4 }) },
    ];
    const d = computeDelta(previous, current);
    expect(d.changed.map((c) => c.id)).toEqual(['b', 'new']);
    expect(d.deleted).toEqual(['gone']);
    expect(d.unchanged).toBe(1);
    const full = computeDelta(previous, current, { full: true });
    expect(full.changed.map((c) => c.id)).toEqual(['a', 'b', 'new']);
    expect(full.deleted).toEqual(['gone']);
  });

  it('keeps hashes per feed and destination in the state folder, atomically', async () => {
    const file = hashesFile(state, 'meta-us', 'meta');
    expect(file).toBe(path.join(state, 'feeds', 'meta-us', 'items-meta.json'));
    expect(await loadHashes(file)).toEqual(new Map());
    const next = applyAcknowledged(new Map([['x', 'h0'], ['y', 'h1']]), [['x', 'h2'], ['z', 'h3']], ['y']);
    await saveHashes(file, next);
    expect(await loadHashes(file)).toEqual(new Map([['x', 'h2'], ['z', 'h3']]));
    await writeFile(file, '{"version":1,"items":');
    await expect(loadHashes(file)).rejects.toThrow(/damaged.*--full/);
  });

  it('removes the temp file a killed run left, not a live run\'s', async () => {
    const file = hashesFile(state, 'meta-us', 'meta');
    await mkdir(path.dirname(file), { recursive: true });
    // A pid above the kernel's pid_max (4,194,304 at most) belongs to no process.
    const dead = 'items-meta.json.99999999.tmp';
    const live = `items-meta.json.${process.ppid}.tmp`;
    for (const name of [dead, live, 'items-other.json.99999999.tmp']) await writeFile(path.join(path.dirname(file), name), '');
    await saveHashes(file, new Map([['x', 'h']]));
    expect((await readdir(path.dirname(file))).sort()).toEqual(['items-meta.json', live, 'items-other.json.99999999.tmp'].sort());
  });

  it('after acknowledging a delta, the next delta is empty (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (before, after) => {
        const prev = new Map(Object.entries(before).map(([id, v]) => [id, itemHash(v)]));
        const cur = Object.entries(after).map(([id, v]) => ({ id, hash: itemHash(v) }));
        const d = computeDelta(prev, cur);
        const next = applyAcknowledged(prev, d.changed.map((c) => [c.id, c.hash]), d.deleted);
        const again = computeDelta(next, cur);
        expect(again.changed).toEqual([]);
        expect(again.deleted).toEqual([]);
        expect(again.unchanged).toBe(cur.length);
      }),
    );
  });
});
