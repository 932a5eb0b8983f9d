import { appendFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO } from '../../e2e/cli.js';
import { hostileProject, runInProcess } from '../../hostile/hostile-project.js';

const UNITS = ['--unit-bytes', '400', '--unit-rows', '2'];
let dir: string;
const shard = (k: number, n: number, ...more: string[]) => runInProcess(['build', '--shard', `${k}/${n}`, '--shard-dir', 'sh', '--quiet', ...UNITS, ...more], dir);
const merge = (n: number, ...more: string[]) => runInProcess(['merge', '--shards', String(n), '--shard-dir', 'sh', '--no-push', '--force', ...more], dir);
const feeds = async () => Object.fromEntries(await Promise.all((await readdir(path.join(dir, 'out'))).map(async (f) => [f, await readFile(path.join(dir, 'out', f), 'utf8')])));

beforeEach(async () => {
  dir = await hostileProject(await readFile(path.join(REPO, 'fixtures', 'demo', 'catalog.csv')), 'csv');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('shard sets: the merge refuses what is not one whole build', () => {
  it('names the missing shards and how to run them', async () => {
    expect((await shard(0, 3)).code).toBe(0);
    expect((await shard(2, 3)).code).toBe(0);
    const out = await merge(3);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('shard 1 of 3 is not there (no shard-1-of-3.json)');
    expect(out.stderr).toContain('shelfcast build --shard K/3 --shard-dir');
    expect(out.stderr).not.toMatch(/^\s+at /m);
    // Nothing was written.
    await expect(readdir(path.join(dir, 'out'))).rejects.toThrow();
  });

  it('refuses shards of another export of the catalog, naming them', async () => {
    expect((await shard(0, 2)).code).toBe(0);
    const catalog = path.join(dir, 'catalog.csv');
    const row = (await readFile(catalog, 'utf8')).split('\n')[1]!;
    await appendFile(catalog, `${row.replace('TEE-RED-S', 'NEW-1')}\n`);
    expect((await shard(1, 2)).code).toBe(0);
    const out = await merge(2);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('shard 1 differ from shard 0 in the catalog');
  });

  it('refuses shards built with another configuration, or cut for another N', async () => {
    for (const k of [0, 1]) expect((await shard(k, 2)).code).toBe(0);
    const yaml = path.join(dir, 'shelfcast.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('Hostile Shop', 'Other Shop'));
    const out = await merge(2);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('built with another configuration');
    const three = await merge(3);
    expect(three.stderr).toContain('no shard of 3 is there');
    expect(three.stderr).toContain('cut into 2');
  });

  it('refuses shards whose rules read another version of a lookup table', async () => {
    const feed = path.join(dir, 'feeds', 'google.yaml');
    await appendFile(feed, 'rules:\n  - lookup: { field: brand, file: brands.csv }\n');
    const table = path.join(dir, 'feeds', 'brands.csv');
    await writeFile(table, 'brand,shown\nNorthwind,NORTHWIND\n');
    expect((await shard(0, 2)).code).toBe(0);
    await writeFile(table, 'brand,shown\nNorthwind,Northwind Co.\n');
    expect((await shard(1, 2)).code).toBe(0);
    const out = await merge(2);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('shard 1 differ from shard 0 in the configuration');
    // Rebuilt with the table as it is now, the set merges.
    expect((await shard(0, 2)).code).toBe(0);
    expect((await merge(2)).code).toBe(0);
    expect((await feeds())['google.xml']).toContain('<g:brand>Northwind Co.</g:brand>');
  });

  it('refuses a units file that is not the one its manifest describes', async () => {
    for (const k of [0, 1]) expect((await shard(k, 2)).code).toBe(0);
    const units = path.join(dir, 'sh', 'shard-1-of-2.units');
    const bytes = await readFile(units);
    bytes[bytes.length - 1] ^= 1;
    await writeFile(units, bytes);
    const out = await merge(2);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('shard 1/2');
    expect(out.stderr).toContain('run that shard again');
  });

  it('takes a shard run twice (a retried pod) as if it ran once', async () => {
    for (const k of [0, 1, 2]) expect((await shard(k, 3)).code).toBe(0);
    expect((await merge(3)).code).toBe(0);
    const once = await feeds();
    expect((await shard(1, 3)).code).toBe(0);
    expect((await merge(3)).code).toBe(0);
    expect(await feeds()).toEqual(once);
    expect((await readdir(path.join(dir, 'sh'))).filter((f) => !/^(shard-\d-of-3\.(json|units)|clock-.*\.json)$/.test(f))).toEqual([]);
  });

  it('merge --wait waits for a shard still running, and merges once it is there', async () => {
    expect((await shard(0, 2)).code).toBe(0);
    const merging = merge(2, '--wait', '2m');
    expect((await shard(1, 2)).code).toBe(0);
    const out = await merging;
    expect(out.code, out.stderr).toBe(0);
    expect(Object.keys(await feeds()).length).toBeGreaterThan(0);
    // Without --wait (or past it) the missing shard is refused at once.
    await rm(path.join(dir, 'sh', 'shard-1-of-2.json'));
    expect((await merge(2, '--wait', '0s')).code).toBe(2);
  });

  it('refuses mixed clocks: one shard set per run, or --at', async () => {
    expect((await shard(0, 2, '--at', '2026-01-01T00:00:00Z')).code).toBe(0);
    expect((await shard(1, 2, '--at', '2026-01-02T00:00:00Z')).code).toBe(0);
    const out = await merge(2);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('in the clock');
  });

  it('gives usage errors for a bad --shard', async () => {
    for (const bad of ['3/3', '1', '-1/2', '0/0']) {
      const out = await runInProcess(['build', '--shard', bad, '--shard-dir', 'sh'], dir);
      expect(out.code, bad).toBe(2);
      expect(out.stderr).toContain('K/N');
    }
    const publishing = await runInProcess(['run', '--shard', '0/2', '--shard-dir', 'sh', '--dry-run', '--force'], dir);
    expect(publishing.code).toBe(2);
    expect(publishing.stderr).toContain('--dry-run, --force belong to `shelfcast merge`');
    const noDir = await runInProcess(['build', '--shard', '0/2'], dir);
    expect(noDir.stderr).toContain('--shard-dir <dir> is required');
  });
});
