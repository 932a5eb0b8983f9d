import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/amazon/destination.js';
import { amazonDestinationSchema } from '../../../src/channels/amazon/destination-schema.js';
import { fetchVerdicts, verdictOfListing } from '../../../src/channels/amazon/verdicts.js';
import { verdictReaderOf } from '../../../src/channels/registry.js';
import { summarizeVerdicts } from '../../../src/verdicts/model.js';
import { fakeTime } from '../../servers/fake-time.js';
import { seededRandom } from '../../servers/seeded-random.js';
import type { MockListingIssue } from '../../servers/sp-api-listings-items.js';
import { startSpApiMock, type SpApiMock, type SpApiMockOptions } from '../../servers/sp-api-mock.js';
import { AMAZON_OPTIONS, buildDocuments, catalog } from './build-documents.js';
import { credentials, env } from './sp-api-credentials.js';


let mock: SpApiMock | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

const searchSuppressed: MockListingIssue = {
  code: '99300', message: 'The title contains promotional text.', severity: 'ERROR', attributeNames: ['item_name'], categories: ['INVALID_ATTRIBUTE'],
  enforcements: { actions: [{ action: 'SEARCH_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } }, marketplaceIds: ['ATVPDKIKX0DER'],
};
const priceWarning: MockListingIssue = { code: '8026', message: 'The list price is much higher than the price.', severity: 'WARNING', attributeNames: ['list_price'], categories: ['INVALID_PRICE'] };

/** Pushes `n` listings to the mock through the real destination, then returns the reader's context over the same state folder. */
async function pushed(n: number, extra: Partial<SpApiMockOptions>) {
  const t = fakeTime();
  mock = await startSpApiMock({ now: t.now, credentials, ...extra });
  const config = amazonDestinationSchema.parse({
    type: 'amazon', region: 'na', marketplace_ids: ['ATVPDKIKX0DER'], endpoint: mock.url, token_endpoint: `${mock.url}/auth/o2/token`,
    client_id_env: 'SP_CLIENT', client_secret_env: 'SP_SECRET', refresh_token_env: 'SP_REFRESH', timeout_seconds: 2, poll_seconds: 10,
  });
  const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-amazon-verdicts-'));
  dirs.push(state);
  const built = await buildDocuments(catalog(n), n);
  dirs.push(built.dir);
  const logs: string[] = [];
  const result = await createDestination(config, 'amazon-us', { sleep: t.sleep, now: t.now, random: seededRandom(3) })
    .publish(built.files, { feedId: 'amazon-us', env, root: state, stateDir: state, outputDir: state, dryRun: false, log: (l) => logs.push(l), now: t.now });
  const ctx = { feedId: 'amazon-us', options: AMAZON_OPTIONS as Record<string, unknown>, env, now: t.now, sleep: t.sleep, random: seededRandom(5), log: (l: string) => logs.push(l), stateDir: state };
  return { t, config, result, ctx, mock };
}

describe('amazon verdicts (Listings Items API issues)', () => {
  it('reads getListingsItem for every SKU pushed: suppression disapproves, search suppression limits, warnings stay approved, not yet created is pending', async () => {
    const { config, result, ctx, mock, t } = await pushed(12, {
      rejectSkus: new Set(['SKU-0012']),
      listingIssues: new Map([['SKU-0002', [searchSuppressed]], ['SKU-0003', [priceWarning]], ['SKU-0004', [{ ...searchSuppressed, code: '18027', message: 'Main image is missing.', attributeNames: ['main_product_image_locator'], categories: ['MISSING_IMAGE'], enforcements: { actions: [{ action: 'LISTING_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } } }]]]),
      notYetCreated: new Set(['SKU-0005']),
      throttleEvery: 4,
    });
    expect(result).toMatchObject({ pushed: 11, failed: 1 });
    const sleepsBefore = t.sleeps.length;
    const got = await fetchVerdicts(config, ctx);
    expect(mock.violations).toEqual([]);
    expect(got.source).toMatch(/^amazon:127\.0\.0\.1:\d+\/ATVPDKIKX0DER$/);
    // The SKU the processing report refused is not held by Amazon and not read.
    expect(got.items.map((i) => i.id)).toEqual(catalog(11).map((p) => p.id));
    const byId = new Map(got.items.map((i) => [i.id, i]));
    expect(byId.get('SKU-0001')).toEqual({ id: 'SKU-0001', status: 'approved', issues: [] });
    expect(byId.get('SKU-0002')).toMatchObject({ status: 'limited', issues: [{ code: '99300', severity: 'demoted', attribute: 'item_name', field: 'title', detail: 'INVALID_ATTRIBUTE', resolution: 'SEARCH_SUPPRESSED (NOT_EXEMPT)', destinations: ['ATVPDKIKX0DER'] }] });
    expect(byId.get('SKU-0002')!.issues[0]!.hint).toMatch(/^Amazon: The title contains promotional text\. \[title\]: title: /);
    expect(byId.get('SKU-0003')).toMatchObject({ status: 'approved', issues: [{ code: '8026', severity: 'warning', field: 'price' }] });
    expect(byId.get('SKU-0004')).toMatchObject({ status: 'disapproved', issues: [{ code: '18027', severity: 'disapproved', field: 'image_link', resolution: 'LISTING_SUPPRESSED (NOT_EXEMPT)' }] });
    expect(byId.get('SKU-0005')).toEqual({ id: 'SKU-0005', status: 'pending', issues: [] });
    // Every 4th call was throttled and retried after a wait on the fake clock: no SKU lost.
    expect(t.sleeps.length).toBeGreaterThan(sleepsBefore);
    const summary = summarizeVerdicts({ feed: 'amazon-us', channel: 'amazon', source: got.source, fetchedAt: t.now().toISOString(), items: got.items });
    expect(summary.counts).toEqual({ approved: 8, limited: 1, disapproved: 1, pending: 1 });
    expect(summary.codes.map((c) => c.code)).toEqual(['18027', '99300', '8026']);
  });

  it('paces to the rate x-amzn-RateLimit-Limit gives when it is below the usage plan\'s', async () => {
    const { config, ctx, t, mock } = await pushed(6, { rateLimit: '0.5' });
    const before = t.sleeps.length;
    const got = await fetchVerdicts(config, ctx);
    expect(got.items).toHaveLength(6);
    expect(mock.violations).toEqual([]);
    // After the first answer: one request every 2 s (0.5 per second), on the fake clock.
    const calls = mock.server.log.filter((l) => l.route === 'getListingsItem').length;
    expect(calls).toBe(6);
    expect(t.sleeps.slice(before).filter((ms) => ms >= 1000)).toEqual([2000, 2000, 2000, 2000]);
  });

  it('is the amazon entry of the registry', async () => {
    expect(await verdictReaderOf('amazon')).toBe(fetchVerdicts);
  });

  it('names the feed file and the option when the seller id is missing', async () => {
    const { config, ctx } = await pushed(1, {});
    await expect(fetchVerdicts(config, { ...ctx, options: {} })).rejects.toThrow(/feeds\/amazon-us\.yaml: options\.sellerId is missing/);
  });

  it('refuses what Amazon refuses: unknown includedData, bad marketplaceIds, another seller', async () => {
    const { mock } = await pushed(1, {});
    const token = (await (await fetch(`${mock.url}/auth/o2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken, client_id: credentials.clientId, client_secret: credentials.clientSecret }) })).json()) as { access_token: string };
    const get = async (q: string, seller = 'A1SELLER') => {
      const res = await fetch(`${mock.url}/listings/2021-08-01/items/${seller}/SKU-0001?${q}`, { headers: { 'x-amz-access-token': token.access_token } });
      return { status: res.status, body: (await res.json()) as { errors?: Array<{ code: string; message: string }> } };
    };
    expect((await get('marketplaceIds=ATVPDKIKX0DER&includedData=issues,summaries')).status).toBe(200);
    expect(await get('marketplaceIds=ATVPDKIKX0DER&includedData=issues,verdicts')).toMatchObject({ status: 400, body: { errors: [{ code: 'InvalidInput', message: 'Invalid includedData value: verdicts.' }] } });
    expect((await get('includedData=issues')).status).toBe(400);
    expect((await get('marketplaceIds=us&includedData=issues')).status).toBe(400);
    expect((await get('marketplaceIds=ATVPDKIKX0DER', 'A2OTHER')).status).toBe(403);
    expect(mock.violations).toEqual([]);
  });
});

describe('verdictOfListing', () => {
  it('leaves an exempt enforcement as what the issue says and takes the first attribute that maps to a catalog field', () => {
    const v = verdictOfListing({
      sku: 'S1',
      summaries: [{ marketplaceId: 'A1PA6795UKMFR9', status: ['BUYABLE'] }],
      issues: [{ code: '90244', message: 'Brand is not approved.', severity: 'WARNING', attributeNames: ['merchant_brand', 'brand'], categories: ['QUALIFICATION_REQUIRED'], enforcements: { actions: [{ action: 'LISTING_SUPPRESSED' }], exemption: { status: 'EXEMPT_UNTIL_EXPIRY_DATE', expiryDate: '2027-01-31T00:00:00Z' } } }],
    });
    expect(v).toMatchObject({ status: 'approved', issues: [{ severity: 'warning', attribute: 'merchant_brand, brand', field: 'brand', resolution: 'LISTING_SUPPRESSED (EXEMPT_UNTIL_EXPIRY_DATE until 2027-01-31T00:00:00Z)' }] });
  });
});
