import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './cli.js';

// The second example project: one catalog from three sources, stock of a warehouse and two stores,
// an online Google feed and a local inventory feed. Its built feeds are golden files; workers and
// one thread must write them byte for byte alike.
const EXAMPLE = path.join(REPO, 'examples', 'two-stores');
const GOLDEN = path.join(EXAMPLE, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function example(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-two-stores-'));
  dirs.push(dir);
  for (const part of ['shelfcast.yaml', 'feeds', 'data']) await cp(path.join(EXAMPLE, part), path.join(dir, part), { recursive: true });
  const imported = await runCli(['stock', 'import', 'data/store-stock.csv', '--at', '2026-03-01T06:00:00Z'], dir);
  expect(imported.code, imported.stderr).toBe(0);
  return dir;
}

async function golden(name: string, actual: string): Promise<void> {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    await writeFile(file, actual);
    return;
  }
  expect(existsSync(file), `missing ${name}: run UPDATE_GOLDEN=1 npx vitest run test/e2e/two-stores.test.ts`).toBe(true);
  expect(actual).toBe(await readFile(file, 'utf8'));
}

describe('the two-stores example project', () => {
  it('builds the Google feed from three sources and the local inventory of two stores, alike in workers and in one thread', async () => {
    const dir = await example();
    const outputs: string[][] = [];
    for (const workers of ['0', '2']) {
      const r = await runCli(['build', '--force', '--workers', workers, '--json'], dir);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(r.stdout);
      // The price list's gift card is in no product: reported once, with its file and row.
      const unmatched = doc.issues.filter((i: { code: string }) => i.code === 'catalog.source.unmatched');
      expect(unmatched.map((i: { file: string; row: number; id: string }) => [i.file, i.row, i.id])).toEqual([['data/price-list.csv', 12, 'GIFTCARD-50']]);
      outputs.push([await readFile(path.join(dir, 'out', 'google.xml'), 'utf8'), await readFile(path.join(dir, 'out', 'google-local.txt'), 'utf8')]);
    }
    expect(outputs[1]).toEqual(outputs[0]);
    const [google, local] = outputs[0]!;
    await golden('google.xml', google!);
    await golden('google-local.txt', local!);
    // The price list wins over the export, marketing fills labels; the stores show their own stock.
    expect(google).toMatch(/<g:id>KETTLE-GOOSE<\/g:id>[\s\S]*?<g:price>79.00 EUR<\/g:price>[\s\S]*?<g:custom_label_0>bestseller<\/g:custom_label_0>/);
    expect(local.split('\n')[0]).toBe('store code\tid\tavailability\tquantity\tprice\tsale price\tpickup method\tpickup sla');
    expect(local).toContain('HAM-01\tKETTLE-GOOSE\tlimited_availability\t1\t79.00 EUR\t69.00 EUR\treserve\tnext day');
  });

  it('explains which source each field came from, and validate names the join problems with file and row', async () => {
    const dir = await example();
    const e = await runCli(['explain', 'KETTLE-GOOSE', '--feed', 'google', '--json'], dir);
    expect(e.code, e.stderr).toBe(0);
    const doc = JSON.parse(e.stdout);
    expect(doc.sources).toMatchObject({ title: 'shop', price: 'erp-prices', sale_price: 'erp-prices', custom_label_0: 'marketing', custom_label_1: 'marketing' });
    await writeFile(path.join(dir, 'data', 'price-list.csv'), `${await readFile(path.join(dir, 'data', 'price-list.csv'), 'utf8')}MUG-STONE;19.00;\n`);
    const v = await runCli(['validate'], dir);
    expect(v.code).toBe(0);
    expect(v.stderr).toMatch(/catalog\.source\.duplicate_key x1 rows data\/price-list\.csv:13/);
    expect(v.stderr).toMatch(/data\/price-list\.csv row 13, id MUG-STONE, id: id "MUG-STONE" is also on row 6 of data\/price-list\.csv/);
  });
});
