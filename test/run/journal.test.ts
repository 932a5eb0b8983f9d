import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchJournal } from '../../src/run/journal.js';

describe('BatchJournal', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-journal-'));
    file = path.join(dir, 'feeds', 'meta', 'journal.ndjson');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('resumes: acknowledged batches are done, sent ones keep their handle, planned ones are pending', async () => {
    const j = await BatchJournal.open(file);
    await j.planned({ batch: 'b1', op: 'upsert', items: [{ id: 'a', hash: 'ha' }, { id: 'b', hash: 'hb' }] });
    await j.sent('b1', 'handle-1');
    await j.acknowledged('b1', ['a'], [{ id: 'b', message: 'price missing' }]);
    await j.planned({ batch: 'b2', op: 'upsert', items: [{ id: 'c', hash: 'hc' }] });
    await j.sent('b2', 'handle-2');
    await j.planned({ batch: 'b3', op: 'delete', items: [{ id: 'old' }] });
    await j.close(); // the run is killed here

    const r = await BatchJournal.open(file);
    expect(r.pending()).toEqual([
      { batch: 'b2', op: 'upsert', items: [{ id: 'c', hash: 'hc' }], sent: true, handle: 'handle-2' },
      { batch: 'b3', op: 'delete', items: [{ id: 'old' }], sent: false, handle: undefined },
    ]);
    expect(r.acknowledgedItems()).toEqual({ upserts: new Map([['a', 'ha']]), deletes: new Set() });
    await r.acknowledged('b3', ['old'], []);
    expect(r.acknowledgedItems().deletes).toEqual(new Set(['old']));
    await r.finish();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ignores a torn last line left by a kill mid-write, and keeps appending cleanly', async () => {
    const j = await BatchJournal.open(file);
    await j.planned({ batch: 'b1', op: 'upsert', items: [{ id: 'a', hash: 'ha' }] });
    await j.close();
    await appendFile(file, '{"t":"ack","batch":"b1","ok":["a"');
    const r = await BatchJournal.open(file);
    expect(r.pending().map((p) => p.batch)).toEqual(['b1']);
    await r.acknowledged('b1', ['a'], []);
    await r.close();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).t)).toEqual(['planned', 'ack']);
  });
});
