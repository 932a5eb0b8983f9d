import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './cli.js';

// Titles, a description and a brand that a spreadsheet would run: =SUM, +..., -..., @..., =HYPERLINK.
const CATALOG = path.join(REPO, 'fixtures', 'hostile', 'formula-prefixes', 'catalog.csv');
const COLUMNS = ['options:', '  columns:', '    - { name: id, field: id }', '    - { name: title, field: title }', '    - { name: description, field: description }', '    - { name: brand, field: brand }', '    - { name: price, field: price, format: amount }'];
const IDEALO = ['channel: idealo', 'currency: USD', 'options:', '  deliveryTime: 1-3 Werktage', '  deliveryCosts: { dhl: 4.95 }'];

const rows = async (dir: string, name: string, delimiter = ','): Promise<string[][]> =>
  parse(await readFile(path.join(dir, 'out', name), 'utf8'), { delimiter, quote: delimiter === ',' ? '"' : false, relax_quotes: true }) as string[][];

// Uses the built CLI (dist/): run `npm run build` first.
describe('formula cells in CSV and TSV feeds', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-formula-'));
    await mkdir(path.join(dir, 'feeds'));
    await cp(CATALOG, path.join(dir, 'catalog.csv'));
    await writeFile(path.join(dir, 'shelfcast.yaml'), 'catalog:\n  path: catalog.csv\n  currency: USD\n');
    const feeds: Record<string, string[]> = {
      generic: ['channel: csv', ...COLUMNS],
      'generic-tsv': ['channel: csv', 'format: tsv', ...COLUMNS],
      'generic-raw': ['channel: csv', 'neutralize_formulas: false', ...COLUMNS],
      idealo: IDEALO,
      'idealo-sheet': [...IDEALO, 'neutralize_formulas: true'],
    };
    for (const [id, lines] of Object.entries(feeds)) await writeFile(path.join(dir, 'feeds', `${id}.yaml`), `${lines.join('\n')}\n`);
    const built = await runCli(['build'], dir);
    expect(built.code, built.stderr).toBe(0);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('neutralises them by default in the generic csv channel, CSV and TSV, and leaves numbers alone', async () => {
    const expected = [
      ['id', 'title', 'description', 'brand', 'price'],
      ['P1', "'=SUM(A1:A9)", 'Description of product 1', 'Acme', '19.99'],
      ['P2', "'+1 555 0100", "'-2 degrees", 'Acme', '19.99'],
      ['P3', "'@mention", 'Description of product 3', `'=HYPERLINK("http://x")`, '19.99'],
    ];
    expect(await rows(dir, 'generic.csv')).toEqual(expected);
    expect(await rows(dir, 'generic-tsv.tsv', '\t')).toEqual(expected);
  });

  it('keeps them when the feed says neutralize_formulas: false', async () => {
    expect((await rows(dir, 'generic-raw.csv')).map((r) => r[1])).toEqual(['title', '=SUM(A1:A9)', '+1 555 0100', '@mention']);
  });

  it("leaves idealo's values as idealo's importer needs them, unless the feed turns it on", async () => {
    const title = (r: string[][]) => r.map((row) => row[r[0]!.indexOf('title')]);
    expect(title(await rows(dir, 'idealo.csv'))).toEqual(['title', '=SUM(A1:A9)', '+1 555 0100', '@mention']);
    expect(title(await rows(dir, 'idealo-sheet.csv'))).toEqual(['title', "'=SUM(A1:A9)", "'+1 555 0100", "'@mention"]);
  });

  it('refuses neutralize_formulas on a format that is not CSV or TSV, naming the key and its line', async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-formula-bad-'));
    try {
      await mkdir(path.join(bad, 'feeds'));
      await cp(CATALOG, path.join(bad, 'catalog.csv'));
      await writeFile(path.join(bad, 'shelfcast.yaml'), 'catalog:\n  path: catalog.csv\n  currency: USD\n');
      await writeFile(path.join(bad, 'feeds', 'google.yaml'), 'channel: google\nformat: xml\nneutralize_formulas: true\n');
      const out = await runCli(['build', '--json'], bad);
      expect(out.code).toBe(2);
      expect(JSON.parse(out.stdout).error).toMatchObject({ code: 'config.invalid', file: 'feeds/google.yaml', line: 3 });
      expect(JSON.parse(out.stdout).error.message).toMatch(/neutralize_formulas: applies to CSV and TSV feeds; format "xml" writes rss/);
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
