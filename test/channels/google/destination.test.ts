import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/google/destination.js';
import { googleMerchantDestinationSchema } from '../../../src/channels/google/destination-schema.js';
import { productInputSegment, toPrice } from '../../../src/channels/google/product-input.js';
import { destinationSchema } from '../../../src/transports/schema.js';
import type { PublishContext } from '../../../src/transports/types.js';
import { seeded } from '../../servers/merchant-meta-pinterest-faults.js';
import { startMerchantServer, type MerchantServer } from '../../servers/merchant-server.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const EMAIL = 'feeds@shop-123.iam.gserviceaccount.com';

function rss(items: Array<Record<string, string>>): string {
  const body = items.map((i) => `<item>${Object.entries(i).map(([k, v]) => `<g:${k}>${v.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</g:${k}>`).join('')}</item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Shop</title>\n${body}\n</channel></rss>\n`;
}

const item = (id: string, extra: Record<string, string> = {}) => ({
  id, title: `Mug ${id}`, description: 'A mug', link: `https://shop.example/p/${encodeURIComponent(id)}`, image_link: 'https://shop.example/i.jpg',
  availability: 'in_stock', condition: 'new', price: '12.50 USD', brand: 'Acme', gtin: '4006381333931', ...extra,
});

describe('Google Merchant API destination', () => {
  let root: string;
  let server: MerchantServer;
  const logs: string[] = [];
  let clock = new Date('2026-03-01T10:00:00Z');
  let minHours = 0;
  const start = async (rate = 0, seed = 7, revokeFirstToken = false) => {
    server = await startMerchantServer({ account: '123', dataSource: '456', publicKey, clientEmail: EMAIL, rate, seed, revokeFirstToken });
  };
  const ctx = (): PublishContext => ({
    feedId: 'google-us', root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'), dryRun: false,
    env: { GOOGLE_SA_KEY: JSON.stringify({ type: 'service_account', client_email: EMAIL, private_key: privateKey, token_uri: `${server.url}/token` }) },
    log: (l) => logs.push(l), now: () => clock,
  });
  const destination = (seed = 1) =>
    createDestination(
      googleMerchantDestinationSchema.parse({ type: 'google-merchant', account_id: '123', data_source_id: '456', service_account_key_env: 'GOOGLE_SA_KEY', endpoint: server.url, requests_per_minute: 100_000, min_update_interval_hours: minHours }),
      'google-us',
      { sleep: async () => undefined, random: seeded(seed) },
    );
  const publish = async (items: Array<Record<string, string>>, seed?: number) => {
    const file = path.join(root, 'google-us.xml');
    await writeFile(file, rss(items));
    return (await destination(seed)).publish([{ path: file, name: 'google-us.xml', contentType: 'application/xml' }], ctx());
  };

  beforeEach(async () => {
    clock = new Date('2026-03-01T10:00:00Z');
    minHours = 0;
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-merchant-'));
  });
  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('inserts product inputs that match the protos, then sends only changes and deletes what is gone', async () => {
    await start();
    const r1 = await publish([item('A1'), item('sku/1'), item('50%off'), item('a~b')]);
    expect(r1).toMatchObject({ pushed: 4, failed: 0, issues: [] });
    expect(server.violations).toEqual([]);
    expect([...server.products.keys()].sort()).toEqual(['en~US~50%off', 'en~US~A1', 'en~US~a~b', 'en~US~sku/1']);
    expect(server.products.get('en~US~A1')!.productAttributes).toMatchObject({ availability: 'IN_STOCK', condition: 'NEW', price: { amountMicros: '12500000', currencyCode: 'USD' }, gtins: ['4006381333931'] });
    const before = server.counters.calls;
    const r2 = await publish([item('A1', { price: '11.00 USD' }), item('sku/1'), item('50%off')]);
    expect(r2).toMatchObject({ pushed: 2, failed: 0 });
    expect(server.counters.calls - before).toBe(2); // one insert, one delete: nothing unchanged is sent
    expect(server.products.has('en~US~a~b')).toBe(false);
    expect(server.products.get('en~US~A1')!.productAttributes.price.amountMicros).toBe('11000000');
    expect(server.violations).toEqual([]);
    expect(server.applied.twice).toEqual([]);
    expect(await readdir(path.join(root, '.shelfcast', 'feeds', 'google-us'))).toEqual(['items-google-merchant.json']);
  });

  it('sends shipping, weight, sale period and availability date as the protos type them; refuses what the API refuses', async () => {
    await start();
    const r = await publish([
      item('FULL', { sale_price: '10.00 USD', sale_price_effective_date: '2026-11-20T00:00:00Z/2026-11-30', availability: 'preorder', availability_date: '2026-12-20', shipping_weight: '0.4 kg' }),
      item('LONG', { title: 'x'.repeat(151) }),
    ]);
    expect(r).toMatchObject({ pushed: 1, failed: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'api.google-merchant.item_rejected', id: 'LONG', message: expect.stringContaining('title has 151 characters') })]);
    expect(server.products.get('en~US~FULL')!.productAttributes).toMatchObject({
      availabilityDate: '2026-12-20T00:00:00Z',
      salePriceEffectiveDate: { startTime: '2026-11-20T00:00:00Z', endTime: '2026-12-01T00:00:00Z' },
      shippingWeight: { value: 0.4, unit: 'kg' },
    });
    expect(server.violations).toEqual([expect.stringContaining('title has 151 characters')]);
  });

  it('reports a per-item refusal against its item, and sends it again next run', async () => {
    await start();
    const r = await publish([item('ok-1'), item('bad-1', { title: 'REJECT me' })]);
    expect(r.pushed).toBe(1);
    expect(r.failed).toBe(1);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'api.google-merchant.item_rejected', id: 'bad-1', feed: 'google-us', message: expect.stringContaining('400: [title] Invalid value') })]);
    const before = server.counters.calls;
    await publish([item('ok-1'), item('bad-1', { title: 'REJECT me' })]);
    expect(server.counters.calls - before).toBe(1);
  });

  it('with 20 % of requests faulted (429, 500, drops, slow), loses no item and applies none twice', async () => {
    await start(0.2, 20260301);
    const items = Array.from({ length: 300 }, (_, i) => item(`P-${i}`, i % 7 === 0 ? { title: `Mug/${i} ~ 100%` } : {}));
    const r = await publish(items, 99);
    const lost = items.filter((i) => !server.products.has(`en~US~${i.id}`)).length;
    expect({ pushed: r.pushed, failed: r.failed, lost, twice: server.applied.twice.length }).toEqual({ pushed: 300, failed: 0, lost: 0, twice: 0 });
    console.info(`merchant with 20 % faults: ${server.requests} requests, faults ${JSON.stringify(server.faults)}, ${items.length} items, pushed ${r.pushed}, lost ${lost}, applied twice ${server.applied.twice.length}`);
    expect(server.faults['429'] + server.faults['500'] + server.faults.drop + server.faults.slow).toBeGreaterThan(30);
    expect(server.violations).toEqual([]);
    // Deletes under faults too: a delete acknowledged by a 404 after a lost answer is still done.
    const r2 = await publish(items.slice(0, 200), 100);
    expect(r2).toMatchObject({ pushed: 100, failed: 0 });
    expect(server.products.size).toBe(200);
  });

  it('updates a product at most once in min_update_interval_hours; new products go at once', async () => {
    await start();
    minHours = 12;
    await publish([item('A1')]);
    clock = new Date('2026-03-01T11:00:00Z');
    const early = await publish([item('A1', { price: '9.00 USD' }), item('NEW')]);
    expect(early).toMatchObject({ pushed: 1, failed: 0 });
    expect(logs.at(-1)).toMatch(/1 changed but updated too recently/);
    expect(server.products.get('en~US~A1')!.productAttributes.price.amountMicros).toBe('12500000');
    clock = new Date('2026-03-01T22:30:00Z');
    const later = await publish([item('A1', { price: '9.00 USD' }), item('NEW')]);
    expect(later).toMatchObject({ pushed: 1, failed: 0 });
    expect(server.products.get('en~US~A1')!.productAttributes.price.amountMicros).toBe('9000000');
  });

  it('fetches a new token once when the API answers 401', async () => {
    await start(0, 7, true);
    const r = await publish([item('T1'), item('T2'), item('T3')]);
    expect(r).toMatchObject({ pushed: 3, failed: 0 });
    expect(server.counters.tokens).toBe(2);
    expect(server.violations).toEqual([]);
  });

  it('never writes the private key or the token to logs, errors or state', async () => {
    await start();
    await publish([item('A1')]);
    const state = await readFile(path.join(root, '.shelfcast', 'feeds', 'google-us', 'items-google-merchant.json'), 'utf8');
    const text = logs.join('\n') + state;
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('ya29.');
    const bad = { ...ctx(), env: { GOOGLE_SA_KEY: '{"client_email":"x", "private_key":' } };
    const file = path.join(root, 'google-us.xml');
    await expect((await destination()).publish([{ path: file, name: 'google-us.xml', contentType: 'application/xml' }], bad)).rejects.toThrow(/not valid JSON/);
  });

  it('encodes product input names as unpadded base64url, as the proto requires for /, % and ~', () => {
    expect(productInputSegment('en', 'US', 'sku/123')).toBe('ZW5-VVN-c2t1LzEyMw');
    expect(toPrice('15.00 USD')).toEqual({ amountMicros: '15000000', currencyCode: 'USD' });
    expect(toPrice('0.999999 EUR')).toEqual({ amountMicros: '999999', currencyCode: 'EUR' });
    expect(destinationSchema.safeParse({ type: 'google-merchant', account_id: '1', data_source_id: '2', service_account_key_env: 'K' }).success).toBe(true);
  });
});
