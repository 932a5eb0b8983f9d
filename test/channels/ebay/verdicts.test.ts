import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/ebay/destination.js';
import { ebayDestinationSchema } from '../../../src/channels/ebay/destination-schema.js';
import { findingsFile, findingsOf } from '../../../src/channels/ebay/push-findings.js';
import { fetchVerdicts } from '../../../src/channels/ebay/verdicts.js';
import { verdictReaderOf } from '../../../src/channels/registry.js';
import { summarizeVerdicts } from '../../../src/verdicts/model.js';
import { startEbayMock, type EbayMock, type EbayMockOptions } from '../../servers/ebay-mock.js';
import { fakeTime } from '../../servers/fake-time.js';
import { seededRandom } from '../../servers/seeded-random.js';
import { buildDocument, catalog, EBAY_OPTIONS } from './build-document.js';

const credentials = { clientId: 'Shop-verdicts-PRD-5678', clientSecret: 'PRD-verdicts-secret', refreshToken: 'v^1.1#i^1#verdicts-refresh' };
const env = { EB_ID: credentials.clientId, EB_SECRET: credentials.clientSecret, EB_REFRESH: credentials.refreshToken };

let mock: EbayMock | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

/** Pushes `n` SKUs through the real destination, then gives the reader's context over the same state folder. */
async function pushed(n: number, extra: Partial<EbayMockOptions>) {
  const t = fakeTime();
  mock = await startEbayMock({ credentials, ...extra });
  const config = ebayDestinationSchema.parse({ type: 'ebay', endpoint: mock.url, client_id_env: 'EB_ID', client_secret_env: 'EB_SECRET', refresh_token_env: 'EB_REFRESH', timeout_seconds: 2 });
  const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-ebay-verdicts-'));
  dirs.push(state);
  const built = await buildDocument(catalog(n));
  dirs.push(built.dir);
  const destination = createDestination(config, 'ebay-us', { sleep: t.sleep, now: t.now, random: seededRandom(3) });
  const publishCtx = { feedId: 'ebay-us', env, root: state, stateDir: state, outputDir: state, dryRun: false, log: () => undefined, now: t.now };
  const result = await destination.publish(built.files, publishCtx);
  const ctx = { feedId: 'ebay-us', options: EBAY_OPTIONS as Record<string, unknown>, env, now: t.now, sleep: t.sleep, random: seededRandom(5), log: () => undefined, stateDir: state };
  return { config, result, ctx, state, mock, republish: () => destination.publish(built.files, publishCtx) };
}

describe('ebay verdicts (the bulk calls\' errors and warnings, and the offers\' listings)', () => {
  it('keeps each SKU\'s errors and warnings of the push and reads the listing state back: refused, on hold, out of stock, pending', async () => {
    const { config, result, ctx, mock } = await pushed(8, {
      failures: { offer: new Map([['EB-0002', 25007]]), publish: new Map([['EB-0003', 25020]]) },
      inventoryWarnings: new Map([['EB-0004', 25401]]),
      listingStates: new Map([['EB-0005', { listingOnHold: true }], ['EB-0006', { listingStatus: 'OUT_OF_STOCK' }], ['EB-0007', { listingStatus: 'EBAY_ENDED' }]]),
    });
    expect(result).toMatchObject({ pushed: 6, failed: 2 });
    const got = await fetchVerdicts(config, ctx);
    expect(mock.violations).toEqual([]);
    expect(got.source).toMatch(/^ebay:127\.0\.0\.1:\d+$/);
    const byId = new Map(got.items.map((i) => [i.id, i]));
    expect(got.items.map((i) => i.id)).toEqual(catalog(8).map((p) => p.id));
    expect(byId.get('EB-0001')).toEqual({ id: 'EB-0001', status: 'approved', issues: [] });
    // Refused when the offer was created: no offer on eBay, eBay's error kept from the push.
    expect(byId.get('EB-0002')).toMatchObject({ status: 'disapproved', issues: [{ code: '25007', severity: 'disapproved', message: 'Please add at least one valid shipping service option to your listing.', destinations: ['offer'] }] });
    // Refused at publishing: the offer exists but is not live.
    expect(byId.get('EB-0003')).toMatchObject({ status: 'disapproved', issues: [{ code: '25020', destinations: ['publish'] }] });
    expect(byId.get('EB-0004')).toMatchObject({ status: 'approved', issues: [{ code: '25401', severity: 'warning', destinations: ['inventory item'] }] });
    expect(byId.get('EB-0005')).toMatchObject({ status: 'disapproved', issues: [{ code: 'listingOnHold', severity: 'disapproved' }] });
    expect(byId.get('EB-0006')).toMatchObject({ status: 'limited', issues: [{ code: 'OUT_OF_STOCK', severity: 'demoted', field: 'quantity' }] });
    expect(byId.get('EB-0007')).toMatchObject({ status: 'disapproved', issues: [{ code: 'EBAY_ENDED' }] });
    expect(summarizeVerdicts({ feed: 'ebay-us', channel: 'ebay', source: got.source, fetchedAt: ctx.now().toISOString(), items: got.items }).counts).toEqual({ approved: 3, limited: 1, disapproved: 4, pending: 0 });
  });

  it('forgets what eBay said once a push sends the SKU again and eBay says nothing', async () => {
    const failures = { publish: new Map([['EB-0002', 25020]]) };
    const { config, ctx, state, republish } = await pushed(3, { failures });
    expect(Object.keys(JSON.parse(await readFile(findingsFile(state, 'ebay-us'), 'utf8')))).toEqual(['EB-0002']);
    failures.publish.clear();
    expect(await republish()).toMatchObject({ failed: 0 });
    expect(JSON.parse(await readFile(findingsFile(state, 'ebay-us'), 'utf8'))).toEqual({});
    expect((await fetchVerdicts(config, ctx)).items.map((i) => i.status)).toEqual(['approved', 'approved', 'approved']);
  });

  it('is the ebay entry of the registry', async () => {
    expect(await verdictReaderOf('ebay')).toBe(fetchVerdicts);
  });
});

describe('findingsOf', () => {
  it('takes the parameter that names a field as the attribute and maps it to the catalog field', () => {
    const [issue] = findingsOf('inventory_item', [{ errorId: 25709, message: 'Invalid value for imageUrls.', longMessage: 'The image URL must use https.', parameters: [{ name: 'fieldName', value: 'product.imageUrls' }] }], 'error');
    expect(issue).toMatchObject({ code: '25709', severity: 'disapproved', attribute: 'product.imageUrls', field: 'image_link', detail: 'The image URL must use https.', destinations: ['inventory item'] });
    expect(issue!.hint).toMatch(/^eBay: Invalid value for imageUrls\. \[image_link\]: images: /);
  });
});
