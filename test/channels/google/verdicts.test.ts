import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/google/destination.js';
import { googleMerchantDestinationSchema } from '../../../src/channels/google/destination-schema.js';
import { fetchVerdicts, verdictOfProduct } from '../../../src/channels/google/verdicts.js';
import { readLatestVerdicts, readVerdictSummaries, saveVerdicts } from '../../../src/verdicts/store.js';
import { seeded } from '../../servers/merchant-meta-pinterest-faults.js';
import { productStatusRoutes, type ProductStatusOptions } from '../../servers/merchant-product-status.js';
import { startMerchantServer, type MerchantServer } from '../../servers/merchant-server.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const EMAIL = 'feeds@shop-123.iam.gserviceaccount.com';

const rss = (items: Array<Record<string, string>>): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Shop</title>\n${items
    .map((i) => `<item>${Object.entries(i).map(([k, v]) => `<g:${k}>${v}</g:${k}>`).join('')}</item>`)
    .join('\n')}\n</channel></rss>\n`;
const item = (id: string, extra: Record<string, string> = {}) => ({
  id, title: `Item ${id}`, description: 'A thing', link: `https://shop.example/p/${id}`, image_link: `https://shop.example/${id}.jpg`, availability: 'in_stock', condition: 'new', price: '12.50 USD', brand: 'Acme', gtin: '4006381333931', ...extra,
});

describe('Google Merchant API verdicts (products.list productStatus)', () => {
  let root: string;
  let server: MerchantServer;
  const logs: string[] = [];
  const config = () => googleMerchantDestinationSchema.parse({ type: 'google-merchant', account_id: '123', data_source_id: '456', service_account_key_env: 'KEY', endpoint: server.url, requests_per_minute: 100_000, min_update_interval_hours: 0 });
  const env = () => ({ KEY: JSON.stringify({ type: 'service_account', client_email: EMAIL, private_key: privateKey, token_uri: `${server.url}/token` }) });
  const ctx = () => ({ feedId: 'google-us', env: env(), now: () => new Date('2026-12-01T12:00:00Z'), log: (l: string) => logs.push(l), stateDir: path.join(root, '.shelfcast'), sleep: async () => undefined, random: seeded(3) });
  const start = async (o: Partial<ProductStatusOptions> = {}, rate = 0) => {
    server = await startMerchantServer({ account: '123', dataSource: '456', publicKey, clientEmail: EMAIL, rate, seed: 5, routes: productStatusRoutes({ account: '123', dataSource: '456', ...o }) });
  };
  const push = async (items: Array<Record<string, string>>) => {
    const file = path.join(root, 'google-us.xml');
    await writeFile(file, rss(items));
    const d = createDestination(config(), 'google-us', { sleep: async () => undefined, random: seeded(1) });
    const r = await d.publish([{ path: file, name: 'google-us.xml', contentType: 'application/xml' }], { ...ctx(), root, outputDir: root, dryRun: false });
    expect(r.failed).toBe(0);
  };

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-verdicts-'));
  });
  afterEach(async () => {
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('reads every page through throttling and classifies each item with the channel codes and our catalog field', async () => {
    await start({ pageCap: 3, throttleEvery: 2, brokenImages: new Set(['https://shop.example/b.jpg']), pending: new Set(['p']), issues: new Map([['d', [{ code: 'landing_page_error', severity: 'DEMOTED', attribute: 'link', description: 'Unavailable landing page', reportingContext: 'SHOPPING_ADS' }]]]) });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'p'];
    await push(ids.map((id) => item(id, id === 'c' ? { google_product_category: '212', color: 'Red', size: 'M' } : {})));
    const got = await fetchVerdicts(config(), ctx());
    expect(server.violations).toEqual([]);
    expect(got.source).toBe('google-merchant://accounts/123/dataSources/456');
    const byId = Object.fromEntries(got.items.map((v) => [v.id, v]));
    expect(Object.keys(byId).sort()).toEqual(ids);
    expect(byId.a!.status).toBe('approved');
    expect(byId.p!.status).toBe('pending');
    expect(byId.b).toMatchObject({ status: 'disapproved', countries: { disapproved: ['US'] } });
    expect(byId.b!.issues).toEqual([
      expect.objectContaining({ code: 'image_link_broken', severity: 'disapproved', attribute: 'image_link', field: 'image_link', destinations: ['SHOPPING_ADS', 'FREE_LISTINGS'], countries: ['US'], resolution: 'merchant_action' }),
    ]);
    // Apparel without gender and age group: two issues, each naming the catalog field and our check.
    expect(byId.c!.status).toBe('disapproved');
    expect(byId.c!.issues.map((i) => [i.code, i.field])).toEqual([['item_missing_required_attribute', 'gender'], ['item_missing_required_attribute', 'age_group']]);
    expect(byId.c!.issues[0]!.hint).toBe('Google: Missing value [gender]: apparel needs gender, age_group, color and size: check `apparel` rules (a `default` rule for gender, or fill the catalog column gender)');
    expect(byId.d).toMatchObject({ status: 'limited', issues: [expect.objectContaining({ code: 'landing_page_error', severity: 'demoted', field: 'link' })] });
  });

  it('survives injected faults (429, 500, dropped connections) without losing a page', async () => {
    await start({ pageCap: 2 }, 0);
    await push(['a', 'b', 'c', 'd', 'e'].map((id) => item(id)));
    await server.stop();
    const held = [...server.products.entries()];
    server = await startMerchantServer({ account: '123', dataSource: '456', publicKey, clientEmail: EMAIL, rate: 0.3, seed: 9, kinds: ['429', '500', 'drop'], routes: productStatusRoutes({ account: '123', dataSource: '456', pageCap: 2 }) });
    for (const [k, v] of held) server.products.set(k, v);
    const got = await fetchVerdicts(config(), ctx());
    expect(got.items.map((i) => i.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.faults['429'] + server.faults['500'] + server.faults.drop).toBeGreaterThan(0);
  });

  it('keeps each fetch with its summary in the state folder, keyed by item id, newest first', async () => {
    const state = path.join(root, 'state');
    const v = (id: string, code?: string) => verdictOfProduct({ offerId: id, productStatus: { itemLevelIssues: code ? [{ code, severity: 'DISAPPROVED', attribute: 'gtin', description: 'Invalid GTIN' }] : [] } });
    await saveVerdicts(state, { feed: 'g', channel: 'google', source: 's', fetchedAt: '2026-12-01T10:00:00.000Z', runId: 'r1', items: [v('x'), v('y', 'invalid_upc')] });
    await saveVerdicts(state, { feed: 'g', channel: 'google', source: 's', fetchedAt: '2026-12-02T10:00:00.000Z', runId: 'r2', items: [v('x', 'invalid_upc'), v('y', 'invalid_upc')] });
    const latest = await readLatestVerdicts(state, 'g');
    expect(latest?.runId).toBe('r2');
    expect(latest?.items.x?.issues[0]).toMatchObject({ code: 'invalid_upc', field: 'gtin' });
    const sums = await readVerdictSummaries(state, 'g');
    expect(sums.map((s) => [s.runId, s.counts.disapproved])).toEqual([['r2', 2], ['r1', 1]]);
    expect(sums[0]!.codes).toEqual([expect.objectContaining({ code: 'invalid_upc', items: ['x', 'y'], field: 'gtin' })]);
  });
});
