import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/pinterest/destination.js';
import { pinterestDestinationSchema } from '../../../src/channels/pinterest/destination-schema.js';
import { fetchVerdicts, verdictOfRecord } from '../../../src/channels/pinterest/verdicts.js';
import { verdictReaderOf } from '../../../src/channels/registry.js';
import { readLatestBatches } from '../../../src/verdicts/batch-handles.js';
import { saveVerdicts } from '../../../src/verdicts/store.js';
import { seeded } from '../../servers/merchant-meta-pinterest-faults.js';
import { startPinterestServer, type PinterestServer, type PinterestVerdictOptions } from '../../servers/pinterest-server.js';

const TOKEN = 'pina_canary-pinterest-verdicts-0042';
const item = (id: string, extra: Record<string, unknown> = {}) => ({
  id, title: `Mug ${id}`, description: 'A mug', link: `https://shop.example/p/${id}`, image_link: `https://shop.example/${id}.jpg`,
  price: '12.50 USD', availability: 'in stock', condition: 'new', brand: 'Acme', gtin: '4006381333931', ...extra,
});

describe('Pinterest verdicts: the item processing records of each kept batch', () => {
  let root: string;
  let server: PinterestServer;
  const logs: string[] = [];
  const config = (batch = 1000) => pinterestDestinationSchema.parse({ type: 'pinterest', access_token_env: 'PINTEREST_TOKEN', country: 'US', language: 'en-US', endpoint: server.url, batch_size: batch });
  const state = () => path.join(root, '.shelfcast');
  const ctx = () => ({ feedId: 'pinterest', env: { PINTEREST_TOKEN: TOKEN }, now: () => new Date('2026-03-01T12:00:00Z'), log: (l: string) => logs.push(l), stateDir: state(), sleep: async () => undefined, random: seeded(4) });
  const push = async (items: Array<Record<string, unknown>>, batch = 1000, at = '2026-03-01T10:00:00Z') => {
    const file = path.join(root, 'pinterest.ndjson');
    await writeFile(file, items.map((i) => JSON.stringify(i)).join('\n'));
    const d = createDestination(config(batch), 'pinterest', { sleep: async () => undefined, random: seeded(1) });
    return d.publish([{ path: file, name: 'pinterest.ndjson', contentType: 'application/x-ndjson' }], { ...ctx(), now: () => new Date(at), root, outputDir: root, dryRun: false });
  };
  const start = async (verdicts: PinterestVerdictOptions = {}) => {
    server = await startPinterestServer({ token: TOKEN, verdicts });
  };

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pinterest-verdicts-'));
  });
  afterEach(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('reads each batch of the last push through 429s and maps FAILURE errors and SUCCESS warnings per item', async () => {
    await start({ throttleEvery: 2, errors: new Map([['d', [{ attribute: 'image_link', message: 'Image link is invalid.' }]]]), warnings: new Map([['c', [{ attribute: 'description', message: 'Description is short' }]]]) });
    const r = await push([item('a'), item('b', { gtin: undefined }), item('c'), item('d'), item('x', { title: 'REJECT me' })], 2);
    expect(r).toMatchObject({ pushed: 3, failed: 2 });
    expect((await readLatestBatches(state(), 'pinterest', 'pinterest'))!.batches.map((b) => b.ids)).toEqual([['a', 'b'], ['c', 'd'], ['x']]);
    expect(await verdictReaderOf('pinterest')).toBe(fetchVerdicts);
    const got = await fetchVerdicts(config(), ctx());
    expect(server.violations).toEqual([]);
    expect(logs.some((l) => /HTTP 429/.test(l))).toBe(true);
    expect(logs.join('\n')).not.toContain(TOKEN);
    expect(got.source).toBe('pinterest://catalogs/US/en-US');
    const byId = Object.fromEntries(got.items.map((v) => [v.id, v]));
    expect(Object.keys(byId)).toEqual(['a', 'b', 'c', 'd', 'x']);
    expect(byId.a).toEqual({ id: 'a', status: 'approved', issues: [] });
    expect(byId.b).toMatchObject({ status: 'approved', issues: [expect.objectContaining({ code: 'gtin', severity: 'warning', field: 'gtin' })] });
    expect(byId.c).toMatchObject({ status: 'approved', issues: [expect.objectContaining({ severity: 'warning', field: 'description', message: 'Description is short' })] });
    expect(byId.d).toMatchObject({ status: 'disapproved', issues: [expect.objectContaining({ code: 'image_link', field: 'image_link', hint: expect.stringContaining('Pinterest: Image link is invalid.') })] });
    expect(byId.x).toMatchObject({ status: 'disapproved', issues: [expect.objectContaining({ field: 'title', message: 'Title contains a blocked term' })] });
  });

  it('an item the last push did not send keeps its verdict of the previous fetch', async () => {
    await start({ warnings: new Map([['a', [{ attribute: 'title', code: 106, message: 'Title is missing from product metadata.' }]]]) });
    await push([item('a'), item('b')]);
    const first = await fetchVerdicts(config(), ctx());
    await saveVerdicts(state(), { feed: 'pinterest', channel: 'pinterest', source: first.source, fetchedAt: '2026-03-01T10:30:00.000Z', items: first.items });
    await push([item('a'), item('b', { price: '13.00 USD' })], 1000, '2026-03-01T11:00:00Z');
    expect((await readLatestBatches(state(), 'pinterest', 'pinterest'))!.batches.map((b) => b.ids)).toEqual([['b']]);
    const second = await fetchVerdicts(config(), ctx());
    expect(second.items).toEqual([first.items[0], { id: 'b', status: 'approved', issues: [] }]);
    expect(second.items[0]!.issues[0]).toMatchObject({ code: '106', severity: 'warning', field: 'title' });
  });

  it('maps records as the OpenAPI document defines them', () => {
    expect(verdictOfRecord({ item_id: 'p', status: 'PROCESSING' })).toEqual({ id: 'p', status: 'pending', issues: [] });
    expect(verdictOfRecord({ item_id: 'f', status: 'FAILURE' })).toMatchObject({ status: 'disapproved', issues: [{ code: 'FAILURE', severity: 'disapproved' }] });
    expect(verdictOfRecord({ item_id: 't', status: 'FAILURE', errors: [{ attribute: 'title', code: 106, message: 'Title is missing from product metadata.' }] })).toMatchObject({
      status: 'disapproved', issues: [{ code: '106', attribute: 'title', field: 'title', hint: expect.stringContaining('check `title` rules') }],
    });
  });
});
