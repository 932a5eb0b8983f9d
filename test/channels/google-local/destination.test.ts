import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/google-local/destination.js';
import { googleLocalInventoryDestinationSchema } from '../../../src/channels/google-local/destination-schema.js';
import { LOCAL_COLUMNS } from '../../../src/channels/google-local/index.js';
import type { PublishContext } from '../../../src/transports/types.js';
import { seeded } from '../../servers/merchant-meta-pinterest-faults.js';
import { startMerchantServer, type MerchantServer } from '../../servers/merchant-server.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const EMAIL = 'feeds@shop-123.iam.gserviceaccount.com';

type Row = Partial<Record<(typeof LOCAL_COLUMNS)[number], string>>;
const row = (store: string, id: string, quantity: number, extra: Row = {}): Row => ({
  'store code': store, id, availability: quantity > 0 ? 'in_stock' : 'out_of_stock', quantity: String(quantity), price: '24.00 EUR', 'pickup method': 'buy', 'pickup sla': 'same day', ...extra,
});
const tsv = (rows: Row[]) => `${LOCAL_COLUMNS.join('\t')}\n${rows.map((r) => LOCAL_COLUMNS.map((c) => r[c] ?? '').join('\t')).join('\n')}\n`;

describe('Google local inventory through the Merchant API', () => {
  let root: string;
  let server: MerchantServer;
  const ctx = (): PublishContext => ({
    feedId: 'google-local', root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'), dryRun: false,
    env: { GOOGLE_SA_KEY: JSON.stringify({ type: 'service_account', client_email: EMAIL, private_key: privateKey, token_uri: `${server.url}/token` }) },
    log: () => {}, now: () => new Date('2026-03-01T10:00:00Z'),
  });
  const publish = async (rows: Row[]) => {
    const file = path.join(root, 'google-local.txt');
    await writeFile(file, tsv(rows));
    const config = googleLocalInventoryDestinationSchema.parse({ type: 'google-local-inventory', account_id: '123', content_language: 'de', feed_label: 'DE', service_account_key_env: 'GOOGLE_SA_KEY', endpoint: server.url, requests_per_minute: 100_000 });
    return createDestination(config, 'google-local', { sleep: async () => undefined, random: seeded(1) }).publish([{ path: file, name: 'google-local.txt', contentType: 'text/tab-separated-values' }], ctx());
  };

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-local-'));
    server = await startMerchantServer({ account: '123', dataSource: '456', publicKey, clientEmail: EMAIL, rate: 0, seed: 3 });
  });
  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('inserts one local inventory per product and store, valid against the protos, then sends only the changes and deletes what is gone', async () => {
    const r1 = await publish([row('BER-01', 'TEE-RED-S', 6, { 'sale price': '19.00 EUR' }), row('HAM-01', 'TEE-RED-S', 2, { availability: 'limited_availability', 'pickup method': 'reserve', 'pickup sla': 'next day' }), row('BER-01', 'sku/1~x', 0)]);
    expect(r1).toMatchObject({ pushed: 3, failed: 0, issues: [] });
    expect(server.violations).toEqual([]);
    expect([...server.localInventories.keys()].sort()).toEqual(['de~DE~TEE-RED-S/BER-01', 'de~DE~TEE-RED-S/HAM-01', 'de~DE~sku/1~x/BER-01']);
    expect(server.localInventories.get('de~DE~TEE-RED-S/HAM-01')).toEqual({
      storeCode: 'HAM-01',
      localInventoryAttributes: { availability: 'LIMITED_AVAILABILITY', quantity: '2', price: { amountMicros: '24000000', currencyCode: 'EUR' }, pickupMethod: 'RESERVE', pickupSla: 'NEXT_DAY' },
    });
    const before = server.counters.calls;
    // A sale in Hamburg; the Berlin row of sku/1~x is gone from the feed.
    const r2 = await publish([row('BER-01', 'TEE-RED-S', 6, { 'sale price': '19.00 EUR' }), row('HAM-01', 'TEE-RED-S', 1, { availability: 'limited_availability', 'pickup method': 'reserve', 'pickup sla': 'next day' })]);
    expect(r2).toMatchObject({ pushed: 2, failed: 0 });
    expect(server.counters.calls - before).toBe(2);
    expect(server.localInventories.get('de~DE~TEE-RED-S/HAM-01')!.localInventoryAttributes.quantity).toBe('1');
    expect(server.localInventories.has('de~DE~sku/1~x/BER-01')).toBe(false);
    expect(server.violations).toEqual([]);
    expect(server.applied.twice).toEqual([]);
  });

  it('the test server refuses what the API refuses: unknown and output-only fields, bad enums, a pickup method without its SLA', async () => {
    // A push first, for an access token; then bodies straight to the server, as a wrong client would send them.
    const r = await publish([row('BER-01', 'A', 1)]);
    expect(r.failed).toBe(0);
    const auth = { authorization: 'Bearer ya29.mock-1', 'content-type': 'application/json' };
    const url = `${server.url}/inventories/v1/accounts/123/products/${Buffer.from('de~DE~A').toString('base64url')}/localInventories:insert`;
    for (const body of [
      { storeCode: 'BER-01', localInventoryAttributes: { quantity: '1', colour: 'red' } },
      { storeCode: 'BER-01', name: 'accounts/123/products/x/localInventories/BER-01' },
      { storeCode: 'BER-01', localInventoryAttributes: { availability: 'in_stock' } },
      { storeCode: 'BER-01', localInventoryAttributes: { pickupMethod: 'BUY' } },
      { storeCode: 'BER-01', localInventoryAttributes: { quantity: 1 } },
    ]) {
      const res = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const good = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ storeCode: 'BER-01', localInventoryAttributes: { quantity: '3', availability: 'IN_STOCK' } }) });
    expect(good.status).toBe(200);
  });

  it('reports a row whose values Google would refuse, and sends the others', async () => {
    const r = await publish([row('BER-01', 'A', 1, { 'pickup sla': 'tomorrow' }), row('BER-01', 'B', 1)]);
    expect(r).toMatchObject({ pushed: 1, failed: 0 });
    expect(r.issues.map((i) => [i.code, i.id, i.field])).toEqual([['api.google-local.value', 'A', 'pickup sla']]);
  });
});
