import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/amazon/destination.js';
import { amazonDestinationSchema } from '../../../src/channels/amazon/destination-schema.js';
import { ShelfcastError } from '../../../src/issues/issue.js';
import type { PublishContext } from '../../../src/transports/types.js';
import { fakeTime, type FakeTime } from '../../servers/fake-time.js';
import type { FaultOptions } from '../../servers/mock-server.js';
import { seededRandom } from '../../servers/seeded-random.js';
import { startSpApiMock, type SpApiMock, type SpApiMockOptions } from '../../servers/sp-api-mock.js';
import { buildDocuments, catalog } from './build-documents.js';
import { credentials, env } from './sp-api-credentials.js';


let mock: SpApiMock | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await mock?.close();
  mock = undefined;
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function setup(t: FakeTime, extra: Partial<SpApiMockOptions> = {}, batch = 25_000) {
  mock = await startSpApiMock({ now: t.now, credentials, ...extra });
  const config = amazonDestinationSchema.parse({
    type: 'amazon', region: 'na', marketplace_ids: ['ATVPDKIKX0DER'], endpoint: mock.url, token_endpoint: `${mock.url}/auth/o2/token`,
    client_id_env: 'SP_CLIENT', client_secret_env: 'SP_SECRET', refresh_token_env: 'SP_REFRESH', timeout_seconds: 0.3, poll_seconds: 10, batch_size: batch,
  });
  const logs: string[] = [];
  const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-amazon-state-'));
  dirs.push(state);
  const ctx: PublishContext = { feedId: 'amazon-us', env, root: state, stateDir: state, outputDir: state, dryRun: false, log: (l) => logs.push(l), now: t.now };
  const destination = createDestination(config, 'amazon-us', { sleep: t.sleep, now: t.now, random: seededRandom(7) });
  return { destination, ctx, logs, mock };
}

async function docs(n: number, per: number) {
  const built = await buildDocuments(catalog(n), per);
  dirs.push(built.dir);
  return built.files;
}

describe('amazon destination', () => {
  it('uploads, submits, polls and reads the gzipped report; rejected messages count as failed with their row', async () => {
    const t = fakeTime();
    const { destination, ctx, mock } = await setup(t, { rejectSkus: new Set(['SKU-0003']), pollsToFinish: 3 }, 4);
    const result = await destination.publish(await docs(10, 4), ctx);
    expect(mock.violations).toEqual([]);
    expect(result).toMatchObject({ pushed: 9, failed: 1 });
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'amazon.listing.90220', id: 'SKU-0003', row: 4, field: 'batteries_required', feed: 'amazon-us' }),
    ]);
    expect(mock.processed.map((p) => p.sku)).toEqual(catalog(10).map((p) => p.id));
    expect(mock.tokensIssued).toBe(1);
    // Polled with growing waits, never with a real timer.
    expect(t.sleeps.filter((s) => s >= 10_000).slice(0, 2)).toEqual([10_000, 20_000]);
  });

  it('pushes PATCH documents (--only price,quantity) that Amazon\'s schema accepts', async () => {
    const { destination, ctx, mock } = await setup(fakeTime());
    const built = await buildDocuments(catalog(5), 5, ['price', 'quantity']);
    dirs.push(built.dir);
    const result = await destination.publish(built.files, ctx);
    expect(mock.violations).toEqual([]);
    expect(result).toMatchObject({ pushed: 5, failed: 0 });
  });

  it("sends sale prices with start_at and end_at, and a message without end_at is refused as Amazon's definitions require", async () => {
    const { destination, ctx, mock } = await setup(fakeTime());
    const onSale = catalog(3).map((p, i) => ({ ...p, sale_price: { amount: p.price!.amount - 100, currency: p.price!.currency }, sale_price_effective_date: i === 0 ? '2026-12-01/2026-12-31' : '2026-12-01T09:00-0500/2026-12-24T18:00-0500' }));
    const built = await buildDocuments(onSale, 3);
    dirs.push(built.dir);
    expect(await destination.publish(built.files, ctx)).toMatchObject({ pushed: 3, failed: 0 });
    expect(mock.violations).toEqual([]);
    const doc = JSON.parse(await readFile(built.files[0]!.path, 'utf8'));
    expect(doc.messages[1].attributes.purchasable_offer[0].discounted_price[0].schedule[0]).toMatchObject({ start_at: '2026-12-01T09:00:00-05:00', end_at: '2026-12-24T18:00:00-05:00' });
    delete doc.messages[1].attributes.purchasable_offer[0].discounted_price[0].schedule[0].end_at;
    await writeFile(built.files[0]!.path, JSON.stringify(doc));
    // Only the changed message goes again (the other two are unchanged since the last push).
    const result = await destination.publish(built.files, ctx);
    expect(result).toMatchObject({ pushed: 0, failed: 1 });
    expect(result.issues).toEqual([expect.objectContaining({ code: 'amazon.listing.90220', id: doc.messages[1].sku, field: 'purchasable_offer' })]);
  });

  it('reads uncompressed reports too', async () => {
    const { destination, ctx, mock } = await setup(fakeTime(), { gzipReports: false, rejectSkus: new Set(['SKU-0001', 'SKU-0002']) });
    const result = await destination.publish(await docs(3, 3), ctx);
    expect(result).toMatchObject({ pushed: 1, failed: 2 });
    expect(mock.violations).toEqual([]);
  });

  it('does not count a FATAL feed as sent', async () => {
    const { destination, ctx } = await setup(fakeTime(), { finalStatus: 'FATAL' });
    const result = await destination.publish(await docs(3, 3), ctx);
    expect(result).toMatchObject({ pushed: 0, failed: 3 });
    expect(result.issues.map((i) => i.code)).toContain('amazon.feed.fatal');
  });

  it('looks a feed up instead of creating it twice when the createFeed answer is lost', async () => {
    const faults: FaultOptions = { rate: 1, kinds: ['drop-after'], routes: ['createFeed'] };
    const { destination, ctx, mock } = await setup(fakeTime(), { faults }, 3);
    const result = await destination.publish(await docs(6, 3), ctx);
    expect(result).toMatchObject({ pushed: 6, failed: 0 });
    expect(mock.feeds.size).toBe(2);
    expect(mock.server.log.filter((l) => l.route === 'createFeed')).toHaveLength(2);
    expect(mock.server.log.filter((l) => l.route === 'getFeeds')).toHaveLength(2);
  });

  it('sends createFeed again when the lookup shows the failed call created nothing', async () => {
    const { destination, ctx, mock } = await setup(fakeTime(), {}, 2);
    mock.server.setFaults({ rate: 0.5, kinds: ['500'], routes: ['createFeed'], seed: 3 });
    const result = await destination.publish(await docs(8, 2), ctx);
    expect(mock.server.injected['500']).toBeGreaterThan(0);
    expect(result).toMatchObject({ pushed: 8, failed: 0 });
    expect(mock.feeds.size).toBe(4);
  });

  it('asks for a new document URL when the pre-signed one has expired', async () => {
    const t = fakeTime();
    let uploads = 0;
    const { destination, ctx, mock } = await setup(t, { onRequest: (route) => route === 'upload' && uploads++ === 0 && t.advance(6 * 60_000) });
    const result = await destination.publish(await docs(2, 2), ctx);
    expect(result).toMatchObject({ pushed: 2, failed: 0 });
    expect(mock.server.log.filter((l) => l.route === 'createFeedDocument')).toHaveLength(2);
    expect(mock.server.log.filter((l) => l.route === 'upload').map((l) => l.status)).toEqual([403, 200]);
  });

  it('refreshes an access token Amazon no longer accepts, once', async () => {
    const t = fakeTime();
    let calls = 0;
    const { destination, ctx, mock } = await setup(t, { onRequest: (route) => route === 'getFeed' && ++calls === 2 && mock!.revokeTokens() });
    const result = await destination.publish(await docs(2, 2), ctx);
    expect(result).toMatchObject({ pushed: 2, failed: 0 });
    expect(mock.tokensIssued).toBe(2);
  });

  it('keeps to 5 listings feeds per 5 minutes', async () => {
    const t = fakeTime();
    const { destination, ctx, mock } = await setup(t, { pollsToFinish: 1 }, 1);
    const result = await destination.publish(await docs(7, 1), ctx);
    expect(result.pushed).toBe(7);
    const created = [...mock.feeds.values()].map((f) => Date.parse(f.createdTime));
    for (let i = 5; i < created.length; i++) expect(created[i]! - created[i - 5]!).toBeGreaterThanOrEqual(300_000 - 1000);
  });

  it('never puts a secret in results or log lines, and names a missing variable', async () => {
    const { destination, ctx, logs } = await setup(fakeTime(), { faults: { rate: 0.3, kinds: ['429', '500'], seed: 5 } });
    const result = await destination.publish(await docs(4, 2), ctx);
    const text = JSON.stringify(result) + logs.join('\n');
    for (const secret of [credentials.clientSecret, credentials.refreshToken, 'Atza|access']) expect(text).not.toContain(secret);
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-amazon-state-'));
    dirs.push(fresh);
    const missing = await destination.publish(await docs(1, 1), { ...ctx, env: {}, stateDir: fresh }).catch((e) => e);
    expect(missing).toBeInstanceOf(ShelfcastError);
    expect(missing.message).toMatch(/SP_CLIENT is not set/);
  });

  it('sends nothing on a dry run', async () => {
    const { destination, ctx, mock, logs } = await setup(fakeTime());
    const result = await destination.publish(await docs(3, 3), { ...ctx, dryRun: true });
    expect(result).toMatchObject({ pushed: 0, failed: 0 });
    expect(mock.server.log).toEqual([]);
    expect(logs.join('\n')).toMatch(/3 to update, 0 to delete, 0 unchanged/);
  });

  it('sends only what changed on a rerun, and a DELETE message for a SKU gone from the feed', async () => {
    const { destination, ctx, mock } = await setup(fakeTime());
    expect(await destination.publish(await docs(5, 5), ctx)).toMatchObject({ pushed: 5, failed: 0 });
    const again = await destination.publish(await docs(5, 5), ctx);
    expect(again).toMatchObject({ pushed: 0, failed: 0 });
    expect(mock.feeds.size).toBe(1);
    const fewer = await destination.publish(await docs(4, 4), ctx);
    expect(fewer).toMatchObject({ pushed: 1, failed: 0 });
    expect(mock.deleted).toEqual(['SKU-0005']);
    expect(mock.violations).toEqual([]);
  });
});

describe('amazon push end to end with faults', () => {
  it('loses no listing and sends none twice through 429s, 500s, resets, lost answers and stalls', async () => {
    const t = fakeTime();
    const { destination, ctx, mock } = await setup(t, {
      rejectSkus: new Set(['SKU-0010']),
      faults: { rate: 0.25, kinds: ['429', '500', 'drop', 'drop-after', 'slow'], seed: 11 },
    }, 8);
    const products = catalog(60);
    const result = await destination.publish(await docs(60, 8), ctx);
    const injected = mock.server.injected;
    expect(injected['429'] + injected['500'] + injected.drop + injected['drop-after'] + injected.slow).toBeGreaterThan(10);
    expect(mock.violations).toEqual([]);
    const counts = new Map<string, number>();
    for (const p of mock.processed) counts.set(p.sku, (counts.get(p.sku) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(products.map((p) => p.id).sort());
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(result).toMatchObject({ pushed: 59, failed: 1 });
    // Deletes under the same faults: the 20 removed SKUs and no other go, each once.
    const deletes = await destination.publish(await docs(40, 8), ctx);
    expect(deletes.failed).toBe(1); // SKU-0010, refused again
    expect([...mock.deleted].sort()).toEqual(products.slice(40).map((p) => p.id).sort());
    expect(new Set(mock.deleted).size).toBe(mock.deleted.length);
    expect(mock.violations).toEqual([]);
  });
});
