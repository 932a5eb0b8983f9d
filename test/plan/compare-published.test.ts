import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import amazon from '../../src/channels/amazon/index.js';
import type { FeedRecord, FormatSpec } from '../../src/channels/define-channel.js';
import { compareKeys, compareWithCopy, type NextItems } from '../../src/plan/compare-published.js';
import { ChangedFile } from '../../src/plan/part-reader.js';
import { FeedOutput } from '../../src/run/feed-output.js';
import { ItemIndexWriter, itemIndexPath, openItemIndex } from '../../src/run/item-index.js';
import { createSerializer, documentWriter } from '../../src/serializers/index.js';
import { createItemParser } from '../../src/serializers/item-parser.js';

const AMAZON = { sellerId: 'S1', marketplaceId: 'ATVPDKIKX0DER' };
const format: FormatSpec = { id: 'json', serializer: 'amazon-listings', ext: 'json', contentType: 'application/json', split: { maxItems: 2 } };
const serializer = () => createSerializer({ format, columns: [], header: { title: '', link: '', description: '' }, options: AMAZON }, amazon.serializers);
const listing = (row: number, sku: string, price: string): FeedRecord => ({ row: String(row), sku, operationType: 'UPDATE', attributes: JSON.stringify({ price: [{ value: price }] }) });

/** Publishes the records as a split Amazon feed with its item index; returns the copy and index paths. */
async function publish(records: Array<[string, FeedRecord]>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-compare-'));
  const out = new FeedOutput(path.join(dir, 'out'), 'amazon.json', format, serializer());
  const index = await ItemIndexWriter.create(dir, 'amazon');
  for (const [key, r] of records) await index.add(key, await out.write(r));
  await out.close();
  await out.commit();
  const files = out.files.map((f) => ({ name: path.basename(f.finalPath), bytes: f.bytes, sha256: f.sha256 }));
  await index.commit({ runId: 'r1', at: '', items: records.length, files });
  return { index: (await openItemIndex(itemIndexPath(dir, 'amazon')))!, copy: { files: out.files.map((f) => ({ path: f.finalPath, bytes: f.bytes, sha256: f.sha256 })) } };
}

function next(records: Array<[string, FeedRecord]>): NextItems & { parser: { parse: ReturnType<typeof vi.fn> } } {
  const s = serializer();
  const w = documentWriter(s);
  const parser = createItemParser('amazon-listings', w.header());
  const spy = { body: parser.body, parse: vi.fn(parser.parse) };
  return { serializer: 'amazon-listings', records: new Map(records), text: (r) => spy.body(w.item(r)), parser: spy, locators: s.locators ?? [] };
}

describe('compareWithCopy', () => {
  const before: Array<[string, FeedRecord]> = [
    ['A', listing(2, 'A', '1.00')],
    ['B', listing(3, 'B', '2.00')],
    ['C', listing(4, 'C', '3.00')],
    ['D', listing(5, 'D', '4.00')],
    ['E', listing(6, 'E', '5.00')],
  ];

  it('parses only items whose texts differ, and ignores the message id that moved with the rows', async () => {
    const { index, copy } = await publish(before);
    // A row inserted above C: C, D, E get other message ids (rows); D's price changes; B is gone; F is new.
    const n = next([
      ['A', listing(2, 'A', '1.00')],
      ['C', listing(5, 'C', '3.00')],
      ['D', listing(6, 'D', '4.50')],
      ['E', listing(7, 'E', '5.00')],
      ['F', listing(8, 'F', '6.00')],
    ]);
    const { plan, unreadable } = await compareWithCopy('amazon', index, copy, n);
    expect(plan).toMatchObject({ published: true, added: ['F'], removed: ['B'], changed: [{ id: 'D', fields: [{ field: 'attributes.price[0].value', before: '4.00', after: '4.50' }] }] });
    expect(plan.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 3, fields: { 'attributes.price[0].value': 1 } });
    expect(unreadable).toEqual({ count: 0 });
    // A is the same text (same row): no parse. C, D, E differ in messageId at least.
    expect(n.parser.parse).toHaveBeenCalledTimes(3);
  });

  it('lists an item that cannot be read back as changed, whole, and counts it', async () => {
    const { index, copy } = await publish(before.slice(0, 1));
    const n = next([['A', listing(2, 'A', '9.00')]]);
    n.parser.parse.mockImplementation(() => {
      throw new Error('boom');
    });
    const { plan, unreadable } = await compareWithCopy('amazon', index, copy, n);
    expect(unreadable).toEqual({ count: 1, first: 'A: boom' });
    expect(plan.changed[0]!.fields[0]!.field).toBe('(item)');
  });

  it('throws ChangedFile when a part does not hold the published bytes, even past the last item', async () => {
    const { index, copy } = await publish(before);
    // The footer of the last part, after every indexed item: same size, another byte.
    const last = copy.files[2]!.path;
    await writeFile(last, (await readFile(last, 'utf8')).replace('\n]}\n', '\n]}\r'));
    const err = await compareWithCopy('amazon', index, copy, next(before)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChangedFile);
    expect((err as ChangedFile).file).toBe(last);
    expect((err as ChangedFile).why).toBe('its SHA-256 differs from the published one');
  });

  it('compares keys only on request', async () => {
    const { index } = await publish(before.slice(0, 2));
    const plan = await compareKeys('amazon', index, new Set(['B', 'Z']));
    expect(plan).toMatchObject({ added: ['Z'], removed: ['A'], changed: [], counts: { unchanged: 0, uncompared: 1 } });
  });
});
