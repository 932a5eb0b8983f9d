import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormatSpec } from '../../src/channels/define-channel.js';
import { AtomicFile } from '../../src/run/atomic-file.js';
import { FeedOutput } from '../../src/run/feed-output.js';
import { ItemIndexWriter, itemIndexPath, openItemIndex, recordKey } from '../../src/run/item-index.js';
import { readPublishedSummary } from '../../src/run/published-summary.js';
import { feedStateDir } from '../../src/run/state-paths.js';
import type { Serializer } from '../../src/serializers/serializer.js';

const json: Serializer = { header: () => '[', body: (r) => `\n${JSON.stringify(r)},`, footer: () => ']' };
const format = (split?: FormatSpec['split']): FormatSpec => ({ id: 'json', serializer: 'json', ext: 'json', contentType: 'application/json', split });
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
/** The indexed files and the entries of the index at `file`, read as plan reads them. */
async function read(file: string) {
  const index = await openItemIndex(file);
  if (!index) return undefined;
  try {
    return { indexed: index.indexed, entries: await collect(index.entries()) };
  } finally {
    await index.close();
  }
}

describe('FeedOutput locations', () => {
  it('names the part, offset and byte length of each item text, across parts and multi-byte text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-loc-'));
    const out = new FeedOutput(dir, 'f.json', format({ maxItems: 2 }), json);
    const records = [{ id: 'é1' }, { id: '😀2' }, { id: '3' }];
    const at = [];
    for (const r of records) at.push(await out.write(r));
    await out.close();
    await out.commit();
    expect(at).toEqual([
      { part: 1, offset: 1, length: Buffer.byteLength(json.body(records[0]!)) },
      { part: 1, offset: 1 + at[0]!.length, length: Buffer.byteLength(json.body(records[1]!)) },
      { part: 2, offset: 1, length: Buffer.byteLength(json.body(records[2]!)) },
    ]);
    const part1 = await readFile(path.join(dir, 'f.json'));
    expect(part1.toString('utf8', at[1]!.offset, at[1]!.offset + at[1]!.length)).toBe('\n{"id":"😀2"},');
  });
});

describe('AtomicFile hashing', () => {
  it('hashes by default and not when asked not to', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-hash-'));
    const a = await AtomicFile.create(path.join(dir, 'a'));
    const b = await AtomicFile.create(path.join(dir, 'b'), { hash: false });
    for (const f of [a, b]) {
      f.write('text');
      await f.close();
      await f.commit();
    }
    expect(a.sha256).toBe('982d9e3eb996f559e633f4d194def3761d909f5a3b647d1a851fead67c32c9d1');
    expect(b.sha256).toBe('');
    expect(await readFile(path.join(dir, 'b'), 'utf8')).toBe('text');
  });
});

describe('item index', () => {
  const summary = { runId: 'r1', at: '2026-01-01T00:00:00.000Z', items: 2, files: [{ name: 'f.json', bytes: 10, sha256: 'ab' }] };

  it('keys records like the build: the id, or id#k of several', () => {
    expect(recordKey('SKU', 0, 1)).toBe('SKU');
    expect(recordKey('SKU', 1, 3)).toBe('SKU#2');
  });

  it('writes one line per record and the indexed files last; commit writes the summary and drops a legacy snapshot', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-index-'));
    const feedDir = feedStateDir(state, 'f');
    const w = await ItemIndexWriter.create(state, 'f');
    await w.add('A "quoted"\nkey', { part: 1, offset: 1, length: 20 });
    await w.add('B#2', { part: 2, offset: 1, length: 7 });
    // Written by an earlier version: describes an older publish once the index is committed.
    await writeFile(path.join(feedDir, 'snapshot.ndjson'), '{"id":"old","record":{}}\n');
    expect(await read(itemIndexPath(state, 'f'))).toBeUndefined();
    await w.commit(summary);
    const text = await readFile(itemIndexPath(state, 'f'), 'utf8');
    expect(text.split('\n')).toEqual([
      '{"format":"shelfcast.item-index","version":1}',
      '["A \\"quoted\\"\\nkey",1,1,20]',
      '["B#2",2,1,7]',
      '{"published":{"runId":"r1","files":[{"name":"f.json","bytes":10,"sha256":"ab"}]}}',
      '',
    ]);
    expect(await read(itemIndexPath(state, 'f'))).toEqual({
      indexed: { runId: 'r1', files: summary.files },
      entries: [
        { key: 'A "quoted"\nkey', part: 1, offset: 1, length: 20 },
        { key: 'B#2', part: 2, offset: 1, length: 7 },
      ],
    });
    expect(await readPublishedSummary(state, 'f')).toEqual(summary);
    expect((await readdir(feedDir)).sort()).toEqual(['item-index.ndjson', 'published.json']);
  });

  it('reads the last line of an index longer than one tail read', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-index-'));
    const w = await ItemIndexWriter.create(state, 'f');
    for (let i = 0; i < 5000; i++) await w.add(`K${i}`, { part: 1, offset: i * 10, length: 10 });
    const files = Array.from({ length: 2000 }, (_, i) => ({ name: `f.part-${i + 1}.json`, bytes: i, sha256: 'ab'.repeat(32) }));
    await w.commit({ ...summary, files });
    const { indexed, entries } = (await read(itemIndexPath(state, 'f')))!;
    expect(indexed.files).toHaveLength(2000);
    expect(entries).toHaveLength(5000);
  });

  it('keeps reading the index it opened when a publish replaces it, and reads it more than once', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-index-'));
    const first = await ItemIndexWriter.create(state, 'f');
    await first.add('OLD', { part: 1, offset: 1, length: 5 });
    await first.commit(summary);
    const index = (await openItemIndex(itemIndexPath(state, 'f')))!;
    const second = await ItemIndexWriter.create(state, 'f');
    await second.add('NEW', { part: 1, offset: 1, length: 9 });
    await second.commit({ ...summary, runId: 'r2' });
    expect(index.indexed.runId).toBe('r1');
    for (let pass = 0; pass < 2; pass++) expect((await collect(index.entries())).map((e) => e.key)).toEqual(['OLD']);
    await index.close();
    expect((await read(itemIndexPath(state, 'f')))!.entries.map((e) => e.key)).toEqual(['NEW']);
  });

  it('leaves nothing behind when discarded', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-index-'));
    const w = await ItemIndexWriter.create(state, 'f');
    await w.add('A', { part: 1, offset: 0, length: 1 });
    await w.discard();
    expect(await readdir(feedStateDir(state, 'f'))).toEqual([]);
  });

  it('names the file and the fix when an index is damaged', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-index-'));
    const file = itemIndexPath(state, 'f');
    const w = await ItemIndexWriter.create(state, 'f');
    await w.commit(summary);
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace(/\{"published".*\n$/, '["A",1,'));
    await expect(read(file)).rejects.toThrow(`${file}: its last line is not the list of indexed files: the item index is damaged; delete it`);
    await writeFile(file, good.replace('\n{"published"', '\n["A",1,"x",3]\n{"published"'));
    await expect(read(file)).rejects.toThrow('line 2 is not an index entry');
    await writeFile(file, good.replace('"version":1', '"version":2'));
    await expect(read(file)).rejects.toThrow('item index version 2 was written by a newer shelfcast');
  });
});
