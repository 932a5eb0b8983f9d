import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editCatalog, twoFeedProject } from '../schedule/project.js';
import { runCli } from './cli.js';
import { saveVerdicts } from '../../src/verdicts/store.js';

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const EPOCH = 1767225600; // 2026-01-01T00:00:00Z, the default of runCli

/** Row 3 gets a price that is no price; row 7 loses its image. */
const breakRows = (dir: string) => editCatalog(dir, { 3: { price: 'twelve' }, 7: { image_link: '' } });

describe('shelfcast history', () => {
  it('records every run with per-feed counts, issue codes and file hashes, newest first', async () => {
    const dir = await twoFeedProject();
    const ids: string[] = [];
    for (const cmd of ['run', 'build']) {
      const r = await runCli([cmd, '--json'], dir);
      expect(r.code).toBe(0);
      ids.push(JSON.parse(r.stdout).runId);
    }
    expect((await runCli(['run', '--dry-run', '--quiet'], dir)).code).toBe(0);
    await breakRows(dir);
    const broken = await runCli(['run', '--json', '--force'], dir);
    expect(broken.code).toBe(1);
    ids.push(JSON.parse(broken.stdout).runId);

    const h = await runCli(['history', '--json'], dir);
    expect(h.code).toBe(0);
    const { runs } = JSON.parse(h.stdout);
    expect(runs.map((r: { runId: string }) => r.runId)).toEqual([...ids].reverse());
    expect(runs.map((r: { command: string }) => r.command)).toEqual(['run', 'build', 'run']);
    const [last, , first] = runs;
    expect(first.feeds.map((f: any) => [f.id, f.status, f.counts])).toEqual([
      ['google', 'written', { read: 10, valid: 10, excluded: 0, filtered: 0, written: 10, pushed: 0, failed: 0 }],
      ['meta', 'written', { read: 10, valid: 10, excluded: 0, filtered: 0, written: 10, pushed: 0, failed: 0 }],
    ]);
    expect(last.items).toEqual({ total: 10, valid: 9, invalid: 1, unpublished: 0 });
    expect(last.catalog.issueCodes).toEqual([expect.objectContaining({ code: 'price.invalid', severity: 'error', count: 1, examples: [expect.objectContaining({ row: 3, field: 'price' })] })]);
    const google = last.feeds.find((f: any) => f.id === 'google');
    expect(google.counts).toEqual({ read: 10, valid: 9, excluded: 1, filtered: 0, written: 8, pushed: 0, failed: 0 });
    expect(google.issueCounts).toMatchObject({ 'google.image_link.missing': 1 });
    expect(google.errors).toBeGreaterThanOrEqual(1);
    expect(google.files).toEqual([{ name: 'google.xml', bytes: expect.any(Number), sha256: await sha256(path.join(dir, 'out', 'google.xml')) }]);

    const one = JSON.parse((await runCli(['history', '--feed', 'meta', '--limit', '1', '--json'], dir)).stdout);
    expect(one.runs).toHaveLength(1);
    expect(one.runs[0].runId).toBe(ids[2]);
    expect(one.runs[0].feeds.map((f: any) => f.id)).toEqual(['meta']);

    const text = await runCli(['history', '-n', '2'], dir);
    expect(text.stdout).toContain(`${ids[2]}  run  2026-01-01T00:00:00.000Z`);
    expect(text.stdout).toMatch(/google\s+written\s+8 written, 1 excluded, 0 pushed, 0 failed  [0-9a-f]{12}  google\.image_link\.missing x1/);
    expect(text.stdout).not.toContain(ids[0]!);
    expect((await runCli(['history', '--limit', '0'], dir)).code).toBe(2);
  });
});

describe('shelfcast status', () => {
  it('shows each feed as ok, due, late or failing against its schedule', async () => {
    const dir = await twoFeedProject({ google: 'schedule:\n  cron: "0 * * * *"\n  timezone: UTC' });
    const never = JSON.parse((await runCli(['status', '--json'], dir)).stdout);
    expect(never.feeds).toEqual([
      { feed: 'google', state: 'never', schedule: { cron: '0 * * * *', timezone: 'UTC' }, next: '2026-01-01T01:00:00.000Z' },
      { feed: 'meta', state: 'unscheduled' },
    ]);
    expect((await runCli(['run', '--quiet'], dir)).code).toBe(0);
    const at = async (seconds: number) => {
      const r = await runCli(['status', '--json'], dir, { SOURCE_DATE_EPOCH: String(EPOCH + seconds) });
      return { code: r.code, feeds: JSON.parse(r.stdout).feeds };
    };
    const soon = await at(1800);
    expect(soon.code).toBe(0);
    expect(soon.feeds[0]).toMatchObject({ feed: 'google', state: 'ok', missed: 0, next: '2026-01-01T01:00:00.000Z', last: { command: 'run', status: 'written', items: 10, errors: 0 } });
    expect(soon.feeds[1]).toMatchObject({ feed: 'meta', state: 'ok' });
    expect((await at(3900)).feeds[0]).toMatchObject({ state: 'due', missed: 1 });
    const late = await at(3 * 3600 + 60);
    expect(late.feeds[0]).toMatchObject({ state: 'late', missed: 3 });
    expect(late.code).toBe(1);

    await breakRows(dir);
    // Without --force the guard refuses the drop: the feeds fail.
    const meta = path.join(dir, 'feeds', 'meta.yaml');
    await writeFile(meta, `${await readFile(meta, 'utf8')}\nguard:\n  max_drop: 5\n`);
    expect((await runCli(['run', '--quiet'], dir)).code).toBe(1);
    const failing = await at(60);
    expect(failing.code).toBe(1);
    expect(failing.feeds[1]).toMatchObject({ feed: 'meta', state: 'failing', last: { status: 'refused' } });
    const text = await runCli(['status'], dir, { SOURCE_DATE_EPOCH: String(EPOCH + 60) });
    expect(text.stdout).toMatch(/^meta\s+failing\s+last run 2026-01-01T00:00:00\.000Z refused/m);
  });

  it('shows beside each feed the counts of the channel verdicts of the last fetch, when any were fetched', async () => {
    const dir = await twoFeedProject();
    const issue = { code: 'invalid_upc', severity: 'disapproved' as const, message: 'Invalid GTIN', attribute: 'gtin', field: 'gtin' };
    await saveVerdicts(path.join(dir, '.shelfcast'), {
      feed: 'google', channel: 'google', source: 'google-merchant://accounts/1/dataSources/2', fetchedAt: '2026-01-01T00:00:00.000Z', runId: 'r1',
      items: [{ id: 'a', status: 'approved', issues: [] }, { id: 'TEE-RED-S', status: 'disapproved', issues: [issue] }, { id: 'c', status: 'limited', issues: [{ ...issue, severity: 'demoted' as const }] }, { id: 'd', status: 'pending', issues: [] }],
    });
    const r = await runCli(['status', '--json'], dir);
    const feeds = JSON.parse(r.stdout).feeds;
    expect(feeds[0]).toMatchObject({ feed: 'google', verdicts: { source: 'google-merchant://accounts/1/dataSources/2', items: 4, counts: { approved: 1, limited: 1, disapproved: 1, pending: 1 } } });
    expect(feeds[1].verdicts).toBeUndefined();
    const text = await runCli(['status'], dir);
    expect(text.stdout).toMatch(/^\s+channel at 2026-01-01T00:00:00\.000Z: 1 approved, 1 limited, 1 disapproved, 1 pending$/m);
  });

  it('explain puts the channel verdict of the last fetch beside our checks', async () => {
    const dir = await twoFeedProject();
    const issue = { code: 'invalid_upc', severity: 'disapproved' as const, message: 'Invalid GTIN', attribute: 'gtin', field: 'gtin', hint: 'check gtin' };
    await saveVerdicts(path.join(dir, '.shelfcast'), {
      feed: 'google', channel: 'google', source: 'google-merchant://accounts/1/dataSources/2', fetchedAt: '2026-01-01T00:00:00.000Z', runId: 'r1',
      items: [{ id: 'TEE-RED-S', status: 'disapproved', issues: [issue], countries: { disapproved: ['US'] } }],
    });
    const json = JSON.parse((await runCli(['explain', 'TEE-RED-S', '--feed', 'google', '--json'], dir)).stdout);
    expect(json.channelVerdict).toMatchObject({ channel: 'google', fetchedAt: '2026-01-01T00:00:00.000Z', verdict: { status: 'disapproved', issues: [expect.objectContaining({ code: 'invalid_upc' })] } });
    const text = (await runCli(['explain', 'TEE-RED-S', '--feed', 'google'], dir)).stdout;
    expect(text).toContain('google said (google-merchant://accounts/1/dataSources/2, fetched 2026-01-01T00:00:00.000Z)');
    expect(text).toMatch(/disapproved invalid_upc \[gtin\]: Invalid GTIN/);
    expect(text).toMatch(/catalog field gtin: /);
    expect(text).toContain('check before sending: check gtin');
    const other = JSON.parse((await runCli(['explain', 'TEE-RED-M', '--feed', 'google', '--json'], dir)).stdout);
    expect(other.channelVerdict.verdict).toBeNull();
    const meta = JSON.parse((await runCli(['explain', 'TEE-RED-M', '--feed', 'meta', '--json'], dir)).stdout);
    expect(meta.channelVerdict).toBeUndefined();
  });
});
