import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEbayMock, type EbayMock } from '../servers/ebay-mock.js';
import { startSpApiMock, type SpApiMock } from '../servers/sp-api-mock.js';
import { demoProject, runCli } from './cli.js';
import { runAndKillAt } from './kill-harness.js';

/** A run killed in the middle of a marketplace push, resumed by the next run, through the built CLI. */
const credentials = { clientId: 'client-id-kill', clientSecret: 'client-secret-kill-5d1e', refreshToken: 'refresh-token-kill-0a9c' };
const env = { MP_CLIENT: credentials.clientId, MP_SECRET: credentials.clientSecret, MP_REFRESH: credentials.refreshToken };
const secrets = 'client_id_env: MP_CLIENT, client_secret_env: MP_SECRET, refresh_token_env: MP_REFRESH';
// The demo shop's own brand, GTIN-exempt on Amazon (a rule of feeds/amazon.yaml); mugs have a product type there.
const COLUMNS = 'id,title,description,link,image_link,price,availability,quantity,brand,mpn,condition,color,material,product_type';
const sku = (i: number) => `KP-${String(i).padStart(3, '0')}`;
/** `n` products with distinct texts, as a shop export would have them. */
const catalog = (n: number): string =>
  [COLUMNS, ...Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return `${sku(i)},Enamel Mug No. ${i},"Hand-glazed enamel mug, batch ${i}; holds ${200 + i} ml.",https://shop.example.com/p/${i},https://cdn.example.com/img/${i}.jpg,${(9 + i / 100).toFixed(2)} USD,in_stock,${i % 7},Harbor & Kiln,HK-${i},new,${['Red', 'Blue', 'Green'][i % 3]},Enamel,Home > Kitchen > Mugs`;
  })].join('\n') + '\n';

let ebay: EbayMock | undefined;
let amazon: SpApiMock | undefined;
afterEach(async () => {
  await ebay?.close();
  await amazon?.close();
  ebay = amazon = undefined;
});

/** The demo project with `destination` on feeds/<feed>.yaml and catalogs of 60 and 50 products. */
async function project(feed: string, destination: string): Promise<string> {
  const dir = await demoProject();
  const file = path.join(dir, 'feeds', `${feed}.yaml`);
  await writeFile(file, `${await readFile(file, 'utf8')}destination: ${destination}\n`);
  await writeFile(path.join(dir, 'catalog-60.csv'), catalog(60));
  await writeFile(path.join(dir, 'catalog-50.csv'), catalog(50));
  return dir;
}

const skus = Array.from({ length: 60 }, (_, k) => sku(k + 1));

describe('a push killed midway', () => {
  it('eBay: resumes without sending acknowledged SKUs again or making a second offer; a rerun sends nothing; plan and run delete what left', async () => {
    let reached!: () => void;
    const held = new Promise<void>((resolve) => (reached = resolve));
    // The second batch's publish is carried out by eBay, but its answer never reaches the run, which is killed waiting for it.
    ebay = await startEbayMock({ credentials, hold: { route: 'bulkPublishOffer', nth: 2, reached } });
    const dir = await project('ebay', `{ type: ebay, endpoint: "${ebay.url}", token_endpoint: "${ebay.url}/identity/v1/oauth2/token", ${secrets}, timeout_seconds: 5 }`);
    const run = ['run', '--feed', 'ebay', '--json'];
    expect(await runAndKillAt(dir, [...run, '--catalog', 'catalog-60.csv'], { kind: 'server', reached: held, what: 'the second bulkPublishOffer' }, env)).toBe('killed');
    expect(ebay.itemSends.size).toBe(50); // two batches of 25 reached eBay

    const resumed = await runCli([...run, '--catalog', 'catalog-60.csv'], dir, env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(ebay.violations).toEqual([]);
    // The first batch was acknowledged before the kill: sent once. The second, unacknowledged, went again (replacing, never duplicating).
    expect(skus.filter((s) => ebay!.itemSends.get(s) !== 1)).toEqual(skus.slice(25, 50));
    expect([...ebay.offerCreates.values()].every((n) => n === 1)).toBe(true);
    expect(ebay.offerCreates.size).toBe(60);
    expect([...ebay.offers.values()].filter((o) => o.status === 'PUBLISHED').map((o) => o.sku).sort()).toEqual(skus);

    // Nothing changed: the next run sends nothing (it only reads the offers back for eBay's verdicts: GET getOffers).
    const before = ebay.server.log.length;
    const again = await runCli([...run, '--catalog', 'catalog-60.csv'], dir, env);
    expect(again.code, again.stderr).toBe(0);
    const after = ebay.server.log.slice(before).filter((l) => l.route !== 'token');
    expect(after.filter((l) => !(l.method === 'GET' && l.route === 'getOffers'))).toEqual([]);
    expect(after.length).toBe(60);

    // Ten products gone: plan names them as deletes; the run takes exactly them off eBay.
    const plan = await runCli(['plan', '--feed', 'ebay', '--catalog', 'catalog-50.csv', '--json'], dir, env);
    const api = JSON.parse(plan.stdout).feeds[0].api;
    expect(api).toMatchObject({ create: [], update: [], delete: skus.slice(50), unchanged: 50 });
    const removed = await runCli([...run, '--catalog', 'catalog-50.csv'], dir, env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(ebay.removed.items.sort()).toEqual(skus.slice(50));
    expect([...ebay.items.keys()].sort()).toEqual(skus.slice(0, 50));
    expect(ebay.violations).toEqual([]);
  }, 60_000);

  it('Amazon: resumes by polling the feed Amazon accepted instead of sending it again; a rerun sends nothing; plan and run delete what left', async () => {
    let reached!: () => void;
    const held = new Promise<void>((resolve) => (reached = resolve));
    // Feeds of 20 SKUs, polled twice each: the third getFeed is the second feed's first poll, whose answer never comes.
    amazon = await startSpApiMock({ now: () => new Date(), credentials, pollsToFinish: 1, hold: { route: 'getFeed', nth: 3, reached } });
    const dir = await project(
      'amazon',
      `{ type: amazon, region: na, marketplace_ids: [ATVPDKIKX0DER], endpoint: "${amazon.url}", token_endpoint: "${amazon.url}/auth/o2/token", ${secrets}, poll_seconds: 0.01, timeout_seconds: 5, batch_size: 20 }`,
    );
    const run = ['run', '--feed', 'amazon', '--json'];
    expect(await runAndKillAt(dir, [...run, '--catalog', 'catalog-60.csv'], { kind: 'server', reached: held, what: 'the second feed\'s first getFeed' }, env)).toBe('killed');
    expect(amazon.feeds.size).toBe(2);

    const resumed = await runCli([...run, '--catalog', 'catalog-60.csv'], dir, env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(amazon.violations).toEqual([]);
    // Three feeds in all: the second was polled to its end after the kill, not submitted again.
    expect(amazon.feeds.size).toBe(3);
    expect(amazon.processed.map((p) => p.sku).sort()).toEqual(skus);

    const feedsBefore = amazon.feeds.size;
    const again = await runCli([...run, '--catalog', 'catalog-60.csv'], dir, env);
    expect(again.code, again.stderr).toBe(0);
    expect(amazon.feeds.size).toBe(feedsBefore);

    const plan = await runCli(['plan', '--feed', 'amazon', '--catalog', 'catalog-50.csv', '--json'], dir, env);
    expect(JSON.parse(plan.stdout).feeds[0].api).toMatchObject({ create: [], update: [], delete: skus.slice(50), unchanged: 50 });
    const removed = await runCli([...run, '--catalog', 'catalog-50.csv'], dir, env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(amazon.deleted.sort()).toEqual(skus.slice(50));
    expect(amazon.violations).toEqual([]);
  }, 60_000);
});
