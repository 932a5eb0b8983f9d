import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/ebay/destination.js';
import { ebayDestinationSchema } from '../../../src/channels/ebay/destination-schema.js';
import { ShelfcastError } from '../../../src/issues/issue.js';
import type { PublishContext } from '../../../src/transports/types.js';
import { startEbayMock, type EbayMock, type EbayMockOptions } from '../../servers/ebay-mock.js';
import { fakeTime } from '../../servers/fake-time.js';
import { seededRandom } from '../../servers/seeded-random.js';
import { buildDocument, catalog, EBAY_OPTIONS } from './build-document.js';
import { sampleProduct } from '../sample-product.js';
import type { Product } from '../../../src/product/product.js';

const credentials = { clientId: 'Shop-shelfcas-PRD-1234', clientSecret: 'PRD-client-secret-value', refreshToken: 'v^1.1#i^1#refresh-token-value' };
const env = { EB_ID: credentials.clientId, EB_SECRET: credentials.clientSecret, EB_REFRESH: credentials.refreshToken };

let mock: EbayMock | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setup(extra: Partial<EbayMockOptions> = {}) {
  const t = fakeTime();
  mock = await startEbayMock({ credentials, ...extra });
  const config = ebayDestinationSchema.parse({ type: 'ebay', endpoint: mock.url, client_id_env: 'EB_ID', client_secret_env: 'EB_SECRET', refresh_token_env: 'EB_REFRESH', timeout_seconds: 0.3 });
  const logs: string[] = [];
  const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-ebay-state-'));
  dirs.push(state);
  const ctx: PublishContext = { feedId: 'ebay-us', env, root: state, stateDir: state, outputDir: state, dryRun: false, log: (l) => logs.push(l), now: t.now };
  const destination = createDestination(config, 'ebay-us', { sleep: t.sleep, now: t.now, random: seededRandom(3) });
  return { destination, ctx, logs, mock };
}

async function doc(n: number, only?: string[]) {
  const built = await buildDocument(catalog(n), only);
  dirs.push(built.dir);
  return built.files;
}

const bulkSizes = (m: EbayMock, route: string) => m.server.log.filter((l) => l.route === route).length;

describe('ebay destination', () => {
  it('pushes items, offers and publishes in chunks of 25; each failed SKU carries eBay\'s error and its row', async () => {
    const { destination, ctx, mock } = await setup({
      failures: { inventory: new Map([['EB-0005', 25709]]), offer: new Map([['EB-0007', 25007]]), publish: new Map([['EB-0009', 25020]]) },
    });
    const result = await destination.publish(await doc(60), ctx);
    expect(mock.violations).toEqual([]);
    expect(result).toMatchObject({ pushed: 57, failed: 3 });
    expect(result.issues.map((i) => [i.code, i.id, i.row])).toEqual([
      ['ebay.inventory_item.25709', 'EB-0005', 6],
      ['ebay.offer.25007', 'EB-0007', 8],
      ['ebay.publish.25020', 'EB-0009', 10],
    ]);
    expect(result.issues[1]!.message).toMatch(/shipping service/);
    expect(bulkSizes(mock, 'bulkCreateOrReplaceInventoryItem')).toBe(3);
    expect(bulkSizes(mock, 'bulkPublishOffer')).toBe(3);
    expect([...mock.offers.values()].filter((o) => o.status === 'PUBLISHED')).toHaveLength(57);
    expect(mock.tokensIssued).toBe(1);
  });

  it('reports eBay warnings on accepted items without failing them', async () => {
    const { destination, ctx } = await setup({ inventoryWarnings: new Map([['EB-0002', 25401]]) });
    const result = await destination.publish(await doc(3), ctx);
    expect(result).toMatchObject({ pushed: 3, failed: 0 });
    expect(result.issues.map((i) => [i.severity, i.code, i.id, i.row])).toEqual([['warning', 'ebay.inventory_item.25401', 'EB-0002', 3]]);
  });

  it('gets a new access token once when eBay answers 401', async () => {
    let calls = 0;
    const { destination, ctx, mock } = await setup({ onRequest: (route) => route === 'bulkPublishOffer' && ++calls === 1 && mock!.revokeTokens() });
    const result = await destination.publish(await doc(5), ctx);
    expect(result).toMatchObject({ pushed: 5, failed: 0 });
    expect(mock.tokensIssued).toBe(2);
    expect(mock.server.log.filter((l) => l.route === 'bulkPublishOffer').map((l) => l.status)).toEqual([401, 200]);
  });

  it('replaces existing offers instead of creating a second one when pushed again (--full)', async () => {
    const { destination, ctx, mock } = await setup();
    const files = await doc(30);
    await destination.publish(files, ctx);
    expect(await destination.publish(files, ctx)).toMatchObject({ pushed: 0, failed: 0 }); // nothing changed: nothing sent
    const again = await destination.publish(files, { ...ctx, full: true });
    expect(again).toMatchObject({ pushed: 30, failed: 0 });
    expect([...mock.offerCreates.values()].every((n) => n === 1)).toBe(true);
    expect(bulkSizes(mock, 'updateOffer')).toBe(30);
    expect(mock.violations).toEqual([]);
  });

  it('looks offers up instead of creating them twice when the bulkCreateOffer answer is lost', async () => {
    const { destination, ctx, mock } = await setup({ faults: { rate: 1, kinds: ['drop-after'], routes: ['bulkCreateOffer'] } });
    const result = await destination.publish(await doc(30), ctx);
    expect(result).toMatchObject({ pushed: 30, failed: 0 });
    expect(bulkSizes(mock, 'bulkCreateOffer')).toBe(2);
    expect([...mock.offerCreates.values()].every((n) => n === 1)).toBe(true);
  });

  it('updates price and quantity of existing offers only', async () => {
    const { destination, ctx, mock } = await setup({ failures: { priceQuantity: new Map([['EB-0002', 25001]]) } });
    await destination.publish(await doc(3), ctx);
    const result = await destination.publish(await doc(4, ['price', 'quantity']), ctx);
    expect(mock.violations).toEqual([]);
    expect(result).toMatchObject({ pushed: 2, failed: 2 });
    expect(result.issues.map((i) => [i.code, i.id]).sort()).toEqual([
      ['ebay.price_quantity.25001', 'EB-0002'],
      ['ebay.price_quantity.failed', 'EB-0004'],
    ]);
    expect(mock.priceUpdates.map((u) => [u.sku, u.quantity])).toEqual([
      ['EB-0001', 1],
      ['EB-0003', 3],
    ]);
    expect(mock.priceUpdates.every((u) => mock!.offers.get(u.offerId)?.sku === u.sku)).toBe(true);
  });

  it('never puts a secret in results or logs, and names a missing variable', async () => {
    const { destination, ctx, logs } = await setup({ faults: { rate: 0.3, kinds: ['429', '500'], seed: 2 } });
    const result = await destination.publish(await doc(10), ctx);
    const text = JSON.stringify(result) + logs.join('\n');
    for (const s of [credentials.clientSecret, credentials.refreshToken, 'access-1', Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')]) {
      expect(text).not.toContain(s);
    }
    const missing = await destination.publish(await doc(1), { ...ctx, env: { EB_ID: 'x' }, stateDir: path.join(ctx.stateDir, 'fresh') }).catch((e) => e);
    expect(missing).toBeInstanceOf(ShelfcastError);
    expect(missing.message).toMatch(/EB_SECRET is not set/);
  });

  it('sends nothing on a dry run', async () => {
    const { destination, ctx, mock } = await setup();
    const result = await destination.publish(await doc(5), { ...ctx, dryRun: true });
    expect(result).toMatchObject({ pushed: 0, failed: 0 });
    expect(mock.server.log).toEqual([]);
  });
});

describe('ebay push end to end with faults', () => {
  it('loses no SKU and creates no offer twice through 429s, 500s, resets, lost answers and stalls', async () => {
    const { destination, ctx, mock } = await setup({ faults: { rate: 0.2, kinds: ['429', '500', 'drop', 'drop-after', 'slow'], seed: 9 } });
    const products = catalog(80);
    const result = await destination.publish(await doc(80), ctx);
    const inj = mock.server.injected;
    expect(inj['429'] + inj['500'] + inj.drop + inj['drop-after'] + inj.slow).toBeGreaterThan(10);
    expect(mock.violations).toEqual([]);
    expect([...mock.offerCreates.values()].every((n) => n === 1)).toBe(true);
    const published = new Set([...mock.offers.values()].filter((o) => o.status === 'PUBLISHED').map((o) => o.sku));
    const failedSkus = new Set(result.issues.filter((i) => i.severity === 'error').map((i) => i.id));
    // Every SKU is either live exactly once or reported; the counts agree.
    for (const p of products) expect(published.has(p.id) !== failedSkus.has(p.id)).toBe(true);
    expect(result.pushed).toBe(published.size);
    expect(result.pushed + result.failed).toBe(80);
    expect(result.pushed).toBe(80);
    // Deletes under the same faults: the 30 SKUs removed from the feed, and no other, leave eBay.
    const removed = await destination.publish(await doc(50), ctx);
    expect(removed.issues).toEqual([]);
    expect(removed).toMatchObject({ pushed: 30, failed: 0 });
    const gone = products.slice(50).map((p) => p.id).sort();
    expect([...mock.removed.items].sort()).toEqual(gone);
    expect([...new Set(mock.removed.withdrawn)].sort()).toEqual(gone);
    expect([...mock.items.keys()].sort()).toEqual(products.slice(0, 50).map((p) => p.id).sort());
    expect([...mock.offers.values()].every((o) => o.status === 'PUBLISHED')).toBe(true);
    expect(mock.violations).toEqual([]);
  });
});

describe('ebay deltas and deletes', () => {
  it('sends only what changed; a SKU gone from the feed is withdrawn, its offer and item deleted', async () => {
    const { destination, ctx, mock } = await setup();
    expect(await destination.publish(await doc(5), ctx)).toMatchObject({ pushed: 5, failed: 0 });
    const calls = mock.server.log.length;
    expect(await destination.publish(await doc(5), ctx)).toMatchObject({ pushed: 0, failed: 0 });
    expect(mock.server.log.length).toBe(calls);
    expect(await destination.publish(await doc(4), ctx)).toMatchObject({ pushed: 1, failed: 0 });
    expect(mock.removed).toEqual({ withdrawn: ['EB-0005'], offers: ['EB-0005'], items: ['EB-0005'], groups: [] });
    expect(mock.violations).toEqual([]);
  });
});

/** A TEE family in three sizes (an inventory item group) and two single products. */
const family = (sizes = ['S', 'M', 'L']) => [
  ...sizes.map((size) => sampleProduct({ id: `TEE-${size}`, item_group_id: 'TEE', size, mpn: `NW-TEE-${size}` })),
  sampleProduct({ id: 'MUG-1', item_group_id: undefined, size: undefined, color: 'White' }),
  sampleProduct({ id: 'BAG-1', item_group_id: undefined, size: undefined, color: 'Black' }),
];
async function docOf(products: Product[], options = EBAY_OPTIONS) {
  const built = await buildDocument(products, undefined, options);
  dirs.push(built.dir);
  return built.files;
}

describe('ebay inventory item groups', () => {
  it('publishes variants as one multiple-variation listing with publishOfferByInventoryItemGroup', async () => {
    const { destination, ctx, mock } = await setup();
    const result = await destination.publish(await docOf(family()), ctx);
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ pushed: 6, failed: 0 }); // 5 SKUs and the group
    expect(mock.violations).toEqual([]);
    expect(mock.refusals).toEqual([]);
    const group = mock.groups.get('TEE')!;
    expect(group.body).toMatchObject({
      title: 'Organic Cotton T-Shirt',
      variantSKUs: ['TEE-S', 'TEE-M', 'TEE-L'],
      variesBy: { aspectsImageVariesBy: ['Size'], specifications: [{ name: 'Size', values: ['S', 'M', 'L'] }] },
      aspects: { Brand: ['Northwind'], Color: ['Red'], Material: ['Cotton'], Department: ['Unisex Adults'] },
    });
    const live = [...mock.offers.values()].filter((o) => o.status === 'PUBLISHED');
    expect(live.map((o) => o.sku).sort()).toEqual(['BAG-1', 'MUG-1', 'TEE-L', 'TEE-M', 'TEE-S']);
    expect(new Set(live.filter((o) => o.sku.startsWith('TEE-')).map((o) => o.listingId)).size).toBe(1);
    // The single publish carried only the two standalone offers.
    const singles = mock.server.log.filter((l) => l.route === 'bulkPublishOffer').length;
    expect(singles).toBe(1);
    expect(bulkSizes(mock, 'publishOfferByInventoryItemGroup')).toBe(1);

    // Unchanged: nothing is sent. One size gone: the group is replaced and the variant taken down.
    const calls = mock.server.log.length;
    expect(await destination.publish(await docOf(family()), ctx)).toMatchObject({ pushed: 0, failed: 0 });
    expect(mock.server.log.length).toBe(calls);
    const smaller = await destination.publish(await docOf(family(['S', 'M'])), ctx);
    expect(smaller.issues).toEqual([]);
    expect(mock.groups.get('TEE')!.body.variantSKUs).toEqual(['TEE-S', 'TEE-M']);
    expect(mock.removed.items).toEqual(['TEE-L']);
    // The family gone: its listing ended, the group and its items deleted.
    const none = await destination.publish(await docOf(family().slice(3)), ctx);
    expect(none.issues).toEqual([]);
    expect(mock.groups.size).toBe(0);
    expect(mock.removed.groups).toEqual(['TEE']);
    expect(mock.removed.items.sort()).toEqual(['TEE-L', 'TEE-M', 'TEE-S']);
    expect([...mock.offers.values()].map((o) => o.sku).sort()).toEqual(['BAG-1', 'MUG-1']);
    expect(mock.violations).toEqual([]);
    expect(mock.refusals).toEqual([]);
  });

  it('lists the last variant of a family alone in the same run that ends the group', async () => {
    const { destination, ctx, mock } = await setup();
    await destination.publish(await docOf(family(['S', 'M'])), ctx);
    const one = await destination.publish(await docOf(family(['S'])), ctx);
    expect(one.issues).toEqual([]);
    expect(mock.refusals).toEqual([]);
    expect(mock.removed.groups).toEqual(['TEE']);
    expect(mock.removed.items).toEqual(['TEE-M']);
    const s = [...mock.offers.values()].find((o) => o.sku === 'TEE-S')!;
    expect(s.status).toBe('PUBLISHED');
    expect(mock.violations).toEqual([]);
  });

  it('is refused by the test server where eBay refuses: a variant published alone, a required aspect missing', async () => {
    // Aspects as the Taxonomy API's getItemAspectsForCategory gives them for category 15687.
    const categoryAspects = new Map([['15687', { aspects: [
      { localizedAspectName: 'Brand', aspectConstraint: { aspectRequired: true, aspectMode: 'FREE_TEXT', aspectUsage: 'RECOMMENDED' } },
      { localizedAspectName: 'Sleeve Length', aspectConstraint: { aspectRequired: true, aspectMode: 'SELECTION_ONLY', aspectUsage: 'RECOMMENDED' }, aspectValues: [{ localizedValue: 'Short Sleeve' }] },
      { localizedAspectName: 'Neckline', aspectConstraint: { aspectRequired: false, aspectUsage: 'OPTIONAL' } },
    ] }]]);
    const { destination, ctx, mock } = await setup({ categoryAspects });
    const result = await destination.publish(await docOf(family()), ctx);
    expect(result.failed).toBeGreaterThan(0);
    expect(result.issues.map((i) => i.id).sort()).toEqual(['BAG-1', 'MUG-1', 'group:TEE']);
    expect(mock.refusals).toHaveLength(3);
    expect(mock.refusals.every((r) => /requires item specifics Sleeve Length/.test(r))).toBe(true);
    // With the category's required aspects in the feed options the build leaves such items out instead, naming the column.
    const withOption = await buildDocument(family(), undefined, { ...EBAY_OPTIONS, required_aspects: { '15687': ['Brand', 'Sleeve Length'] } });
    dirs.push(withOption.dir);
    expect(JSON.parse(await readFile(withOption.files[0]!.path, 'utf8')).items).toEqual([]);
    const fixed = family().map((p) => ({ ...p, extra: { ...p.extra, 'aspect:Sleeve Length': 'Short Sleeve' } }));
    const again = await destination.publish(await docOf(fixed), ctx);
    expect(again.issues).toEqual([]);
    expect([...mock.offers.values()].every((o) => o.status === 'PUBLISHED')).toBe(true);
    expect(mock.violations).toEqual([]);
  });
});

describe('ebay inventory item groups under faults', () => {
  it('publishes every family as one listing and every single SKU once through 429s, 500s, resets, lost answers and stalls', async () => {
    const { destination, ctx, mock } = await setup({ faults: { rate: 0.2, kinds: ['429', '500', 'drop', 'drop-after', 'slow'], seed: 4 } });
    const families = Array.from({ length: 12 }, (_, f) =>
      ['S', 'M', 'L'].map((size) => sampleProduct({ id: `FAM${f}-${size}`, item_group_id: `FAM${f}`, size, mpn: `FAM${f}-${size}` })),
    ).flat();
    const singles = Array.from({ length: 14 }, (_, i) => sampleProduct({ id: `ONE-${i}`, item_group_id: undefined }));
    const result = await destination.publish(await docOf([...families, ...singles]), ctx);
    expect(mock.server.injected['drop-after'] + mock.server.injected['500']).toBeGreaterThan(0);
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ pushed: 36 + 14 + 12, failed: 0 });
    expect(mock.violations).toEqual([]);
    expect(mock.refusals).toEqual([]);
    expect([...mock.offerCreates.values()].every((n) => n === 1)).toBe(true);
    expect(mock.groups.size).toBe(12);
    for (let f = 0; f < 12; f++) {
      const listings = new Set([...mock.offers.values()].filter((o) => o.sku.startsWith(`FAM${f}-`)).map((o) => o.status === 'PUBLISHED' && o.listingId));
      expect(listings.size, `FAM${f}`).toBe(1);
      expect([...listings][0], `FAM${f}`).toBeTruthy();
    }
    expect([...mock.offers.values()].filter((o) => o.sku.startsWith('ONE-') && o.status === 'PUBLISHED')).toHaveLength(14);
  });
});
