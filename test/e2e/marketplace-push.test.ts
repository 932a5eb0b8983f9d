import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEbayMock, type EbayMock } from '../servers/ebay-mock.js';
import { startSpApiMock, type SpApiMock } from '../servers/sp-api-mock.js';
import { demoProject, runCli } from './cli.js';

/** The real CLI pushes the demo catalog to loopback servers playing SP-API and eBay. */
const DEMO_SKUS = ['TEE-RED-S', 'TEE-RED-M', 'TEE-BLU-M', 'TEE-BLU-L', 'MUG-STONE', 'KETTLE-GOOSE', 'BACKPACK-20', 'CANDLE-CEDAR', 'NOTEBOOK-A5', 'HEADPHONES-REF'];
const credentials = { clientId: 'client-id-canary', clientSecret: 'client-secret-canary-9f3b', refreshToken: 'refresh-token-canary-71c2' };
const env = { MP_CLIENT: credentials.clientId, MP_SECRET: credentials.clientSecret, MP_REFRESH: credentials.refreshToken };

let amazon: SpApiMock | undefined;
let ebay: EbayMock | undefined;
afterEach(async () => {
  await amazon?.close();
  await ebay?.close();
  amazon = ebay = undefined;
});

async function addDestination(dir: string, feed: string, destination: string): Promise<void> {
  const file = path.join(dir, 'feeds', `${feed}.yaml`);
  await writeFile(file, `${await readFile(file, 'utf8')}destination: ${destination}\n`);
}

describe('shelfcast run pushes to the marketplaces', () => {
  it('Amazon: every SKU processed exactly once, requests valid, no secret in any output', async () => {
    amazon = await startSpApiMock({ now: () => new Date(), credentials, pollsToFinish: 1, faults: { rate: 0.2, seed: 11, kinds: ['429', '500', 'drop'] } });
    const dir = await demoProject();
    await addDestination(
      dir,
      'amazon',
      `{ type: amazon, region: na, marketplace_ids: [ATVPDKIKX0DER], endpoint: "${amazon.url}", token_endpoint: "${amazon.url}/auth/o2/token", client_id_env: MP_CLIENT, client_secret_env: MP_SECRET, refresh_token_env: MP_REFRESH, poll_seconds: 0.05, timeout_seconds: 5 }`,
    );
    const r = await runCli(['run', '--feed', 'amazon', '--json'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(amazon.violations).toEqual([]);
    // The TEE variants are children of one parent SKU, which the push makes for their group.
    expect(amazon.processed.map((p) => p.sku).sort()).toEqual([...DEMO_SKUS, 'TEE'].sort());
    const doc = JSON.parse(r.stdout);
    expect(doc.feeds[0]).toMatchObject({ id: 'amazon', status: 'published', pushed: 11, failed: 0 });
    for (const secret of Object.values(credentials)) expect(r.stdout + r.stderr).not.toContain(secret);
    // The parent the push made is no item gone from the feed.
    const plan = await runCli(['plan', '--feed', 'amazon', '--json'], dir, env);
    expect(JSON.parse(plan.stdout).feeds[0].api).toMatchObject({ create: [], update: [], delete: [], unchanged: 11 });
  });

  it('eBay: inventory items, one offer per SKU, published; per-item failures reported with their row', async () => {
    ebay = await startEbayMock({ credentials, failures: { offer: new Map([['MUG-STONE', 25007]]) } });
    const dir = await demoProject();
    await addDestination(
      dir,
      'ebay',
      `{ type: ebay, endpoint: "${ebay.url}", token_endpoint: "${ebay.url}/identity/v1/oauth2/token", client_id_env: MP_CLIENT, client_secret_env: MP_SECRET, refresh_token_env: MP_REFRESH, timeout_seconds: 5 }`,
    );
    const r = await runCli(['run', '--feed', 'ebay', '--json'], dir, env);
    expect(r.code).toBe(1);
    expect(ebay.violations).toEqual([]);
    expect([...ebay.items.keys()].sort()).toEqual([...DEMO_SKUS].sort());
    for (const [sku, n] of ebay.offerCreates) expect(n, sku).toBeLessThanOrEqual(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.feeds[0]).toMatchObject({ id: 'ebay', status: 'failed', failed: 1 });
    const failure = doc.issues.find((i: { id?: string }) => i.id === 'MUG-STONE');
    expect(failure).toMatchObject({ severity: 'error', row: 6, feed: 'ebay' });
    expect(failure.code).toContain('25007');
    for (const secret of Object.values(credentials)) expect(r.stdout + r.stderr).not.toContain(secret);
    // The TEE variants are one multiple-variation listing: one inventory item group, published as a whole.
    expect(ebay.groups.get('TEE')!.body).toMatchObject({ variantSKUs: ['TEE-RED-S', 'TEE-RED-M', 'TEE-BLU-M', 'TEE-BLU-L'], variesBy: { aspectsImageVariesBy: ['Color'], specifications: [{ name: 'Color', values: ['Red', 'Blue'] }, { name: 'Size', values: ['S', 'M', 'L'] }] } });
    expect(new Set([...ebay.offers.values()].filter((o) => o.sku.startsWith('TEE-')).map((o) => o.listingId)).size).toBe(1);
    expect(ebay.refusals).toEqual([]);
    // The group is no item gone from the feed; the refused SKU is still to be created.
    const plan = await runCli(['plan', '--feed', 'ebay', '--json'], dir, env);
    expect(JSON.parse(plan.stdout).feeds[0].api).toMatchObject({ create: ['MUG-STONE'], delete: [] });
  });
});
