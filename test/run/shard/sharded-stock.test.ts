import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoProject } from '../../e2e/cli.js';
import { runInProcess } from '../../hostile/hostile-project.js';

/** A project with `stock:`: the shards split the ledger's allocation as one machine does, and must all have read the same ledger. */
const FEEDS = ['--feed', 'amazon,ebay,google'];
const UNITS = ['--unit-bytes', '300', '--unit-rows', '2'];
let dir: string;
const shard = (k: number, n: number) => runInProcess(['build', ...FEEDS, '--shard', `${k}/${n}`, '--shard-dir', 'sh', '--quiet', ...UNITS], dir);
const merge = (n: number) => runInProcess(['merge', '--shards', String(n), '--shard-dir', 'sh', '--no-push', '--force', '--quiet'], dir);
const feeds = async () => Object.fromEntries(await Promise.all((await readdir(path.join(dir, 'out'))).sort().map(async (f) => [f, await readFile(path.join(dir, 'out', f), 'utf8')])));
const importCounts = async (csv: string) => {
  await writeFile(path.join(dir, 'counts.csv'), csv);
  const r = await runInProcess(['stock', 'import', 'counts.csv'], dir);
  expect(r.code, r.stderr).toBe(0);
};

beforeEach(async () => {
  dir = await demoProject();
  const yaml = path.join(dir, 'shelfcast.yaml');
  await writeFile(yaml, `${await readFile(yaml, 'utf8')}stock:\n  safety: 1\n  strict: true\n  priority: amazon\n  channels:\n    amazon: { share: 60 }\n    ebay: { share: 40 }\n`);
  await importCounts('sku,location,quantity\nTEE-RED-S,main,11\nMUG-STONE,main,1\nKETTLE-GOOSE,main,5\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sharded builds of a project with shared stock', () => {
  it('give the feeds of one machine, allocated quantities included', async () => {
    const one = await runInProcess(['build', ...FEEDS, '--force', '--quiet'], dir);
    expect(one.code, one.stderr).toBe(0);
    const want = await feeds();
    // The allocation is in the feeds (11 on hand - 1 safety: amazon 6 of TEE-RED-S).
    const tee = JSON.parse(want['amazon.json']!).messages.find((m: { sku: string }) => m.sku === 'TEE-RED-S');
    expect(tee.attributes.fulfillment_availability[0].quantity).toBe(6);
    await rm(path.join(dir, 'out'), { recursive: true });
    const shards = await Promise.all([0, 1, 2].map((k) => shard(k, 3)));
    expect(shards.map((s) => s.code), shards.map((s) => s.stderr).join('\n')).toEqual([0, 0, 0]);
    const merged = await merge(3);
    expect(merged.code, merged.stderr).toBe(0);
    expect(await feeds()).toEqual(want);
  });

  it('refuses a set whose shards read the ledger before and after a stock import', async () => {
    expect((await shard(0, 2)).code).toBe(0);
    await importCounts('sku,location,quantity\nTEE-RED-S,main,3\n');
    expect((await shard(1, 2)).code).toBe(0);
    const out = await merge(2);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('stock allocation (the ledger changed between shards)');
    await expect(readdir(path.join(dir, 'out'))).rejects.toThrow();
  });
});
