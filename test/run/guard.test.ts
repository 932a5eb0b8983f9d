import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPublishGuard, guardConfigSchema } from '../../src/run/guard.js';
import { runCli } from '../e2e/cli.js';
import { catalogText, deliveryProject } from '../e2e/delivery-project.js';

describe('checkPublishGuard', () => {
  it('lets a normal change through: a few items more or fewer', () => {
    expect(checkPublishGuard({ items: 1000 }, { items: 950, rejected: 20, total: 1000 })).toEqual({ ok: true });
    expect(checkPublishGuard({ items: 1000 }, { items: 1200, rejected: 0, total: 1200 })).toEqual({ ok: true });
    expect(checkPublishGuard({ items: 1000 }, { items: 800, rejected: 0, total: 800 })).toEqual({ ok: true }); // exactly 20 %
  });

  it('trips on a truncated catalog, with the numbers in the message', () => {
    const v = checkPublishGuard({ items: 1000 }, { items: 412, rejected: 0, total: 412 });
    expect(v).toEqual({ ok: false, code: 'guard.drop', reason: 'the item count fell from 1,000 to 412 (-58.8 %, more than guard.max_drop 20 %)' });
  });

  it('refuses an empty feed, even on the first run', () => {
    expect(checkPublishGuard(undefined, { items: 0, rejected: 0, total: 0 })).toMatchObject({ ok: false, code: 'guard.empty' });
    expect(checkPublishGuard({ items: 10 }, { items: 0, rejected: 0, total: 10 })).toMatchObject({
      ok: false,
      reason: 'the feed is empty: 0 items out of 10 catalog rows (the last published feed had 10)',
    });
    expect(checkPublishGuard(undefined, { items: 0, rejected: 0, total: 0 }, { refuse_empty: false })).toEqual({ ok: true });
  });

  it('refuses when most rows are rejected (a wrong column mapping)', () => {
    expect(checkPublishGuard(undefined, { items: 40, rejected: 60, total: 100 })).toEqual({
      ok: false,
      code: 'guard.rejected',
      reason: '60 of 100 catalog rows were rejected (60.0 %, more than guard.max_rejected 50 %)',
    });
    expect(checkPublishGuard(undefined, { items: 40, rejected: 60, total: 100 }, { max_rejected: 70 })).toEqual({ ok: true });
  });

  it('uses the configured share', () => {
    expect(checkPublishGuard({ items: 100 }, { items: 94, rejected: 0, total: 94 }, { max_drop: 5 })).toMatchObject({ ok: false, code: 'guard.drop' });
    expect(checkPublishGuard({ items: 100 }, { items: 1, rejected: 0, total: 1 }, { max_drop: 100 })).toEqual({ ok: true });
    expect(guardConfigSchema.safeParse({ max_drop: 120 }).success).toBe(false);
    expect(guardConfigSchema.safeParse({ max_dorp: 10 }).success).toBe(false);
  });

  it('never refuses growth, and always refuses a fall past the limit (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 100 }), (prev, next, maxDrop) => {
        const v = checkPublishGuard({ items: prev }, { items: next, rejected: 0, total: next }, { max_drop: maxDrop, refuse_empty: false });
        const drop = ((prev - next) / prev) * 100;
        expect(v.ok).toBe(!(drop > maxDrop));
      }),
    );
  });
});

describe('the publish guard through `shelfcast run`', () => {
  it('trips on a truncated catalog (exit 1, published feed untouched) and not on a normal change', async () => {
    const dir = await deliveryProject({ rows: 500 });
    const published = path.join(dir, 'published', 'google.xml');
    await writeFile(path.join(dir, 'catalog.csv'), await catalogText(500, 0));
    expect((await runCli(['run', '--quiet'], dir)).code).toBe(0);
    const before = await readFile(published);

    // An export cut off after 200 of 500 rows.
    await writeFile(path.join(dir, 'catalog.csv'), await catalogText(200, 0));
    const cut = await runCli(['run'], dir);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/500 to 200 \(-60\.0 %, more than guard\.max_drop 20 %\)/);
    expect((await readFile(published)).equals(before)).toBe(true);

    // A normal day: a few items gone, prices changed.
    await writeFile(path.join(dir, 'catalog.csv'), await catalogText(480, 5));
    const normal = await runCli(['run', '--quiet'], dir);
    expect(normal.code, normal.stderr).toBe(0);
    expect((await readFile(published)).equals(before)).toBe(false);

    // --force publishes the cut catalog anyway, and says so.
    await writeFile(path.join(dir, 'catalog.csv'), await catalogText(200, 0));
    const forced = await runCli(['run', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/despite the guard \(--force\)/);
    await rm(dir, { recursive: true, force: true });
  }, 120_000);
});
