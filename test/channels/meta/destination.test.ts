import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/meta/destination.js';
import { metaDestinationSchema } from '../../../src/channels/meta/destination-schema.js';
import { matchBatchErrors, toMetaItem } from '../../../src/channels/meta/items-batch.js';
import { itemHash } from '../../../src/run/deltas.js';
import { BatchJournal } from '../../../src/run/journal.js';
import type { PublishContext } from '../../../src/transports/types.js';
import { seeded } from '../../servers/merchant-meta-pinterest-faults.js';
import { startMetaServer, type MetaServer } from '../../servers/meta-server.js';

const TOKEN = 'EAAB-canary-meta-token-1234567890';

function csv(items: Array<Record<string, string>>): string {
  const cols = Object.keys(items[0]!);
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${cols.join(',')}\n${items.map((i) => cols.map((c) => cell(i[c] ?? '')).join(',')).join('\n')}\n`;
}

const item = (id: string, title = `Mug ${id}`) => ({
  id, title, description: 'A mug, blue', availability: 'in stock', condition: 'new', price: '12.50 USD',
  link: `https://shop.example/p/${id}`, image_link: 'https://shop.example/i.jpg', brand: 'Acme', item_group_id: 'G1',
});

describe('Meta catalog destination (items_batch)', () => {
  let root: string;
  let server: MetaServer;
  const logs: string[] = [];
  const ctx = (): PublishContext => ({
    feedId: 'meta', root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'), dryRun: false,
    env: { META_TOKEN: TOKEN }, log: (l) => logs.push(l), now: () => new Date('2026-03-01T10:00:00Z'),
  });
  const publish = async (items: Array<Record<string, string>>, opts: { seed?: number; batch?: number; full?: boolean } = {}) => {
    const file = path.join(root, 'meta.csv');
    await writeFile(file, csv(items));
    const dest = createDestination(
      metaDestinationSchema.parse({ type: 'meta', catalog_id: '777', access_token_env: 'META_TOKEN', endpoint: server.url, batch_size: opts.batch ?? 5000 }),
      'meta',
      { sleep: async () => undefined, random: seeded(opts.seed ?? 1), full: opts.full },
    );
    return dest.publish([{ path: file, name: 'meta.csv', contentType: 'text/csv' }], ctx());
  };
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-meta-'));
  });
  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('sends items_batch requests that match ProductItem, polls the handle, and reports per-item errors', async () => {
    server = await startMetaServer({ catalog: '777', token: TOKEN });
    const r = await publish([item('A'), item('B', 'REJECT this'), item('C')]);
    expect(server.violations).toEqual([]);
    expect(r).toMatchObject({ pushed: 2, failed: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'api.meta.item_rejected', id: 'B', message: expect.stringContaining('forbidden word') })]);
    expect(server.counters).toEqual({ batches: 1, polls: 2 });
    expect([...server.items.keys()]).toEqual(['A', 'C']);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('reports an item Meta refuses (too long a title) as refused, not as published; sends the sale period as start and end dates', async () => {
    server = await startMetaServer({ catalog: '777', token: TOKEN });
    const r = await publish([{ ...item('SALE'), sale_price: '10.00 USD', sale_price_effective_date: '2026-11-20/2026-11-30' }, item('A'), item('LONG', 'x'.repeat(201))]);
    expect(r).toMatchObject({ pushed: 2, failed: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'api.meta.item_rejected', id: 'LONG', message: expect.stringContaining('title has 201 characters') })]);
    expect([...server.items.keys()].sort()).toEqual(['A', 'SALE']);
    expect(server.items.get('SALE')).toMatchObject({ sale_price_start_date: '2026-11-20T00:00:00Z', sale_price_end_date: '2026-12-01T00:00:00Z' });
    expect(server.items.get('SALE')).not.toHaveProperty('sale_price_effective_date');
    expect(server.violations).toEqual([expect.stringContaining('title has 201 characters')]);
  });

  it('splits into batches of batch_size, sends only changes, deletes what is gone; --full sends all', async () => {
    server = await startMetaServer({ catalog: '777', token: TOKEN });
    const items = Array.from({ length: 25 }, (_, i) => item(`P${i}`));
    await publish(items, { batch: 10 });
    expect(server.counters.batches).toBe(3);
    const next = [...items.slice(1, 20), { ...items[0]!, title: 'Renamed' }];
    const r = await publish(next, { batch: 10 });
    expect(r).toMatchObject({ pushed: 6, failed: 0 }); // 1 change + 5 deletes
    expect(server.items.size).toBe(20);
    const full = await publish(next, { batch: 10, full: true });
    expect(full.pushed).toBe(20);
    expect(server.violations).toEqual([]);
  });

  it('with 20 % of requests faulted, loses no item and applies none twice', async () => {
    server = await startMetaServer({ catalog: '777', token: TOKEN, rate: 0.2, seed: 424242 });
    const items = Array.from({ length: 400 }, (_, i) => item(`M-${i}`));
    const r = await publish(items, { batch: 20, seed: 5 });
    const lost = items.filter((i) => !server.items.has(i.id)).length;
    expect({ pushed: r.pushed, failed: r.failed, lost, twice: server.applied.twice.length }).toEqual({ pushed: 400, failed: 0, lost: 0, twice: 0 });
    console.info(`meta with 20 % faults: ${server.requests} requests, faults ${JSON.stringify(server.faults)}, ${items.length} items, pushed ${r.pushed}, lost ${lost}, applied twice ${server.applied.twice.length}`);
    expect(Object.values(server.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(3);
    expect(server.violations).toEqual([]);
  });

  it('resumes an interrupted push: polls the accepted batch instead of sending it again', async () => {
    server = await startMetaServer({ catalog: '777', token: TOKEN });
    const items = [item('A'), item('B')];
    const bodies = items.map((i) => toMetaItem(i) as { id: string; body: Record<string, unknown> });
    // A run killed after items_batch was accepted, before its status was read.
    const accepted = await fetch(`${server.url}/v21.0/777/items_batch`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ item_type: 'PRODUCT_ITEM', allow_upsert: true, requests: bodies.map((b) => ({ method: 'UPDATE', data: b.body })) }),
    });
    const { handles } = (await accepted.json()) as { handles: string[] };
    const journal = await BatchJournal.open(path.join(root, '.shelfcast', 'feeds', 'meta', 'journal-meta.ndjson'));
    await journal.planned({ batch: 'killed-1', op: 'upsert', items: bodies.map((b) => ({ id: b.id, hash: itemHash(b.body) })) });
    await journal.sent('killed-1', handles[0]);
    await journal.close();
    const r = await publish(items);
    expect(r).toMatchObject({ pushed: 2, failed: 0 });
    expect(server.counters.batches).toBe(1); // nothing sent again
    expect(server.applied.twice).toEqual([]);
    expect((await publish(items)).pushed).toBe(0);
    expect(matchBatchErrors([{ line: 1, message: 'bad' }, { id: 'A', message: 'worse' }], ['A', 'B'])).toEqual(new Map([['B', 'bad'], ['A', 'worse']]));
  });
});
