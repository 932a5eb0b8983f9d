import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/meta/destination.js';
import { metaDestinationSchema } from '../../../src/channels/meta/destination-schema.js';
import { regainAccessMs } from '../../../src/channels/meta/graph-throttle.js';
import { attributeOfMessage, batchIssues, fetchVerdicts, productIssues } from '../../../src/channels/meta/verdicts.js';
import { verdictReaderOf } from '../../../src/channels/registry.js';
import { readLatestBatches } from '../../../src/verdicts/batch-handles.js';
import { seeded } from '../../servers/merchant-meta-pinterest-faults.js';
import type { MetaVerdictOptions } from '../../servers/meta-product-status.js';
import { startMetaServer, type MetaServer } from '../../servers/meta-server.js';

const TOKEN = 'EAAB-canary-meta-verdicts-token-99';
const csv = (items: Array<Record<string, string>>): string => {
  const cols = [...new Set(items.flatMap((i) => Object.keys(i)))];
  return `${cols.join(',')}\n${items.map((i) => cols.map((c) => i[c] ?? '').join(',')).join('\n')}\n`;
};
const item = (id: string, extra: Record<string, string> = {}) => ({
  id, title: `Mug ${id}`, description: 'A blue mug', availability: 'in stock', condition: 'new', price: '12.50 USD',
  link: `https://shop.example/p/${id}`, image_link: `https://shop.example/${id}.jpg`, brand: 'Acme', gtin: '4006381333931', ...extra,
});

describe('Meta verdicts: batch status per kept handle, review status and item errors of the catalog', () => {
  let root: string;
  let server: MetaServer;
  const logs: string[] = [];
  const config = (batch = 5000) => metaDestinationSchema.parse({ type: 'meta', catalog_id: '777', access_token_env: 'META_TOKEN', endpoint: server.url, batch_size: batch });
  const state = () => path.join(root, '.shelfcast');
  const ctx = (at = '2026-03-01T10:00:00Z') => ({ feedId: 'meta', env: { META_TOKEN: TOKEN }, now: () => new Date(at), log: (l: string) => logs.push(l), stateDir: state(), sleep: async () => undefined, random: seeded(2) });
  const push = async (items: Array<Record<string, string>>, batch = 5000, at?: string) => {
    const file = path.join(root, 'meta.csv');
    await writeFile(file, csv(items));
    const d = createDestination(config(batch), 'meta', { sleep: async () => undefined, random: seeded(1) });
    return d.publish([{ path: file, name: 'meta.csv', contentType: 'text/csv' }], { ...ctx(at), root, outputDir: root, dryRun: false });
  };
  const start = (verdicts: MetaVerdictOptions) => startMetaServer({ catalog: '777', token: TOKEN, verdicts });

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-meta-verdicts-'));
  });
  afterEach(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('keeps each push\'s handles beside the verdicts, without the token, and reads every page through throttling', async () => {
    server = await start({ pageCap: 2, throttleEvery: 3, brokenImages: new Set(['https://shop.example/b.jpg']), rejected: new Map([['r', ['ADULT_CONTENT']]]), pending: new Set(['p']) });
    const ids = ['a', 'b', 'c', 'n', 'p', 'r', 'x'];
    const r = await push(ids.map((id) => (id === 'x' ? item(id, { title: 'REJECT me' }) : id === 'n' ? item(id, { gtin: '' }) : item(id))), 3);
    expect(r).toMatchObject({ pushed: 6, failed: 1 });
    const kept = await readLatestBatches(state(), 'meta', 'meta');
    expect(kept!.batches.map((b) => b.ids)).toEqual([['a', 'b', 'c'], ['n', 'p', 'r'], ['x']]);
    const folder = path.join(state(), 'feeds', 'meta', 'verdicts', 'batches');
    for (const f of await readdir(folder)) expect(await readFile(path.join(folder, f), 'utf8')).not.toContain(TOKEN);

    const read = await verdictReaderOf('meta');
    expect(read).toBe(fetchVerdicts);
    const got = await fetchVerdicts(config(), ctx());
    expect(server.violations).toEqual([]);
    expect(logs.some((l) => /Meta throttled the call \(Graph error 80009\)/.test(l))).toBe(true);
    expect(logs.join('\n')).not.toContain(TOKEN);
    expect(got.source).toBe('meta://catalogs/777');
    const byId = Object.fromEntries(got.items.map((v) => [v.id, v]));
    expect(Object.keys(byId)).toEqual(ids);
    expect(byId.a).toEqual({ id: 'a', status: 'approved', issues: [] });
    expect(byId.b).toMatchObject({ status: 'disapproved', issues: [expect.objectContaining({ code: 'IMAGE_FETCH_FAILED_LINK_BROKEN', severity: 'disapproved', attribute: 'image_url', field: 'image_link', hint: expect.stringContaining('Meta: Image link broken') })] });
    expect(byId.n).toMatchObject({ status: 'approved', issues: [expect.objectContaining({ code: 'items_batch_warning', severity: 'warning', field: 'gtin' })] });
    expect(byId.p).toMatchObject({ status: 'pending', issues: [] });
    expect(byId.r).toMatchObject({ status: 'disapproved', issues: [expect.objectContaining({ code: 'review_rejected', message: "rejected in Meta's policy review: ADULT_CONTENT" })] });
    // Refused in the batch and never stored: only the batch status knows why.
    expect(byId.x).toMatchObject({ status: 'disapproved', issues: [expect.objectContaining({ code: 'items_batch_error', message: 'The title contains a forbidden word.', field: 'title' })] });
  });

  it('reads items sent by earlier pushes from the catalog, and the last push\'s batches only', async () => {
    server = await start({ errors: new Map([['a', [{ error_type: 'MISSING_SIZE', error_priority: 'MEDIUM', title: 'Missing size', description: 'Add a size' }]]]) });
    await push([item('a'), item('b')], 5000, '2026-03-01T10:00:00Z');
    // The next push sends only the changed item; a is still the feed's and still read.
    await push([item('a'), item('b', { price: '13.00 USD' })], 5000, '2026-03-01T11:00:00Z');
    expect((await readLatestBatches(state(), 'meta', 'meta'))!.batches.map((b) => b.ids)).toEqual([['b']]);
    const got = await fetchVerdicts(config(), ctx());
    expect(got.items.map((i) => [i.id, i.status])).toEqual([['a', 'limited'], ['b', 'approved']]);
    expect(got.items[0]!.issues[0]).toMatchObject({ code: 'MISSING_SIZE', severity: 'demoted', field: 'size', detail: 'Add a size' });
  });

  it('maps batch answers and product fields the way Meta documents them', () => {
    const status = {
      status: 'finished',
      errors: [{ line: 0, id: 'retailer-4', message: 'Invalid value: Value passed at position 0 (id=retailer-4) is invalid: "You cannot create a EntProductItem without required field Availability"' }, { line: 1, message: 'price: not a price' }],
      warnings: [{ line: 2, message: 'shipping_weight_unit: unit ignored' }],
      ids_of_invalid_requests: ['retailer-4', 'retailer-5', 'retailer-9'],
    };
    const m = batchIssues(status, ['retailer-4', 'retailer-5', 'retailer-6']);
    expect(m.get('retailer-4')).toEqual([expect.objectContaining({ code: 'items_batch_error', attribute: 'availability', field: 'availability' })]);
    expect(m.get('retailer-5')).toEqual([expect.objectContaining({ attribute: 'price', field: 'price' })]);
    expect(m.get('retailer-6')).toEqual([expect.objectContaining({ severity: 'warning', code: 'items_batch_warning' })]);
    expect(m.get('retailer-9')).toEqual([expect.objectContaining({ severity: 'disapproved', message: expect.stringContaining('invalid ones') })]);
    expect(attributeOfMessage('something else entirely')).toBeUndefined();
    expect(productIssues({ retailer_id: 'z', review_status: 'outdated', errors: [{ error_type: 'PROPERTY_VALUE_UPPERCASE_WARNING', error_priority: 'LOW', title: 'Uppercase' }] })).toEqual({
      pending: true, issues: [expect.objectContaining({ code: 'PROPERTY_VALUE_UPPERCASE_WARNING', severity: 'warning', field: undefined })],
    });
    expect(productIssues({ retailer_id: 'z', review_status: '' })).toEqual({ pending: false, issues: [] });
    expect(regainAccessMs('{"1":[{"estimated_time_to_regain_access":3},{"estimated_time_to_regain_access":1}]}')).toBe(180_000);
    expect(regainAccessMs(undefined)).toBeUndefined();
  });
});
