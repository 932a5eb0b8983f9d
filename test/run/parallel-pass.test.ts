import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load.js';
import { buildFeeds, type BuildResult } from '../../src/run/build-feeds.js';
import { itemIndexPath } from '../../src/run/item-index.js';
import { stateDir } from '../../src/run/state-paths.js';
import { REPO } from '../e2e/cli.js';
import { loadCases } from '../hostile/curated-case.js';
import { hostileProject } from '../hostile/hostile-project.js';
import { generateCsv } from '../../bench/catalog-generator.js';
import { writeProject } from '../../bench/project.js';

// The one pass runs in worker threads or in-process: both must give the same feeds, counts and
// issues, byte for byte. Tiny units (a few records each) make every duplicate id, header problem
// and fallback cross unit boundaries. Workers run the built code (dist/), built by `npm test`.
const NOW = new Date('2026-01-01T00:00:00Z');
const CASES = await loadCases();
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Outcome {
  error?: string;
  items?: BuildResult['items'];
  issues?: unknown[];
  feeds?: Array<{ id: string; items: number; records: number; excluded: number; filtered: number; issues: unknown[]; codes: unknown; files: string[]; index: string }>;
}

async function build(dir: string, workers: number, unitBytes: number): Promise<Outcome> {
  const project = await loadProject(path.join(dir, 'shelfcast.yaml'));
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pass-out-'));
  dirs.push(outDir);
  try {
    const r = await buildFeeds(project, project.feeds, { outDir, now: NOW, snapshot: true, workers, unitBytes, unitRows: 3 });
    const feeds = [];
    for (const b of r.feeds) {
      const files = [];
      for (const f of b.output.files) files.push(await readFile(f.tempPath, 'utf8'));
      await b.output.discard();
      // The item index (where each item's text lies) must match too.
      await b.snapshot!.commit({ runId: 'r', at: '', items: b.items, files: [] });
      const index = await readFile(itemIndexPath(stateDir(project), b.feed.id), 'utf8');
      // Past the issues it keeps, a log only counts: the counts and examples must match too.
      const codes = { byCode: JSON.parse(JSON.stringify([...b.issues.byCode])) as unknown, errors: b.issues.errors, warnings: b.issues.warnings, dropped: b.issues.dropped };
      feeds.push({ id: b.feed.id, items: b.items, records: b.records, excluded: b.excluded, filtered: b.filtered, issues: b.issues.kept, codes, files, index });
    }
    return { items: r.items, issues: r.issues.kept, feeds };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * Two workers, and one worker: with fewer workers than cores the main thread processes units too
 * (whenever the worker holds its two), so its units and the worker's alternate.
 */
async function expectSameOutcome(dir: string): Promise<Outcome> {
  const alone = await build(dir, 0, 1 << 20);
  for (const unitBytes of [1, 700]) expect(await build(dir, 2, unitBytes)).toEqual(alone);
  expect(await build(dir, 1, 700)).toEqual(alone);
  return alone;
}

describe('the one pass in worker threads', () => {
  it('builds the demo project exactly as in one thread', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pass-demo-'));
    dirs.push(dir);
    await cp(path.join(REPO, 'shelfcast.yaml'), path.join(dir, 'shelfcast.yaml'));
    await cp(path.join(REPO, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
    await cp(path.join(REPO, 'fixtures', 'demo'), path.join(dir, 'fixtures', 'demo'), { recursive: true });
    const outcome = await expectSameOutcome(dir);
    expect(outcome.error).toBeUndefined();
    expect(outcome.feeds!.every((f) => f.items > 0)).toBe(true);
  });

  it.each(CASES)('gives the curated hostile catalog $name the same outcome as one thread', async (c) => {
    const bytes = await readFile(path.join(REPO, 'fixtures', 'hostile', c.name, c.catalogFile));
    const dir = await hostileProject(bytes, c.ext, c.expected.catalog);
    dirs.push(dir);
    expect(await build(dir, 2, 64)).toEqual(await build(dir, 0, 1 << 20));
  });

  it('rejects a duplicate id in a later unit, with its records and its feed issues', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pass-gen-')), 'catalog.csv');
    dirs.push(path.dirname(file));
    await generateCsv(file, 400, 7);
    // Rows far apart reuse ids, and a variant id repeats right after its first use.
    const lines = (await readFile(file, 'utf8')).split('\n');
    const text = lines.join('\n') + 'SKU-1-0,Again,Repeat,https://shop.example.com/a,https://cdn.example.com/a.jpg,,in stock,5.00,USD,,new,Acme,,M1,,,G1,,,,,,,,\n';
    const dir = await hostileProject(text, 'csv');
    dirs.push(dir);
    const outcome = await expectSameOutcome(dir);
    const dupes = (outcome.issues as Array<{ code: string; row: number }>).filter((i) => i.code === 'id.duplicate');
    expect(dupes.length).toBeGreaterThanOrEqual(2);
  });

  it('counts the issues of a feed whose log is full, as in one thread (workers then send them without their text)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pass-full-'));
    dirs.push(dir);
    await writeProject(dir);
    // The bench project's Amazon feed refuses every item for three missing attributes: 12,000
    // rows make about 35,000 issues, past the 20,000 its log keeps. Then a product of a late unit
    // is rejected as a duplicate (its issues must not count), and one has a title too long for
    // Amazon, a code first met after the log is full (its example must have its text).
    const catalog = path.join(dir, 'catalog.csv');
    await generateCsv(catalog, 12_000, 3);
    const text = await readFile(catalog, 'utf8');
    // In the file's own line ends (the generator writes CRLF).
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const row = (id: string, title: string) => `${id},${title},Repeat,https://shop.example.com/a,https://cdn.example.com/a.jpg,,in stock,5.00,USD,,new,Acme,,M1,,,G1,,,,,,,,${eol}`;
    await writeFile(catalog, text + (text.endsWith(eol) ? '' : eol) + row('SKU-0-0', 'Again') + row('LATE-1', 'T'.repeat(600)));
    for (const f of ['google', 'meta', 'pinterest', 'tiktok', 'idealo']) await rm(path.join(dir, 'feeds', `${f}.yaml`));
    const alone = await build(dir, 0, 1 << 20);
    expect(alone.error).toBeUndefined();
    const amazon = alone.feeds!.find((f) => f.id === 'amazon')!;
    expect(amazon.issues).toHaveLength(20_000);
    expect((amazon.codes as { dropped: number }).dropped).toBeGreaterThan(10_000);
    expect((alone.issues as Array<{ code: string }>).some((i) => i.code === 'id.duplicate')).toBe(true);
    expect(JSON.stringify(amazon.codes)).toContain('"amazon.title.too_long",{"severity":"warning","count":1,"examples":[{');
    expect(await build(dir, 2, 16 * 1024)).toEqual(alone);
    expect(await build(dir, 1, 16 * 1024)).toEqual(alone);
  });

  it('hands the rest of the file to csv-parse part-way, as in one thread', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `P${i},Title ${i},Desc ${i},https://shop.example.com/${i},https://cdn.example.com/${i}.jpg,in stock,${i + 1}.00 USD,new,Acme,M${i}`);
    const head = `id,title,description,link,image_link,availability,price,condition,brand,mpn\n${rows.join('\n')}\n`;
    // A NUL byte after a closing quote (csv-parse's rules, which the scanner leaves to it), then more rows.
    const nul = `${head}P98,"Quoted"\0,d,https://shop.example.com/98,https://cdn.example.com/98.jpg,in stock,1 USD,new,Acme,M\n${rows.map((r) => r.replace(/^P/, 'Q')).join('\n')}\n`;
    // A quote left open at the end of the file: csv-parse's error, with its row.
    const open = `${head}P99,"open quote,x,https://a,https://b,in stock,1 USD,new,Acme,M\n`;
    const outcomes = [];
    for (const text of [nul, open]) {
      const dir = await hostileProject(text, 'csv');
      dirs.push(dir);
      outcomes.push(await expectSameOutcome(dir));
    }
    expect(outcomes[0]!.feeds!.length).toBeGreaterThan(0);
    expect(outcomes[1]!.error ?? '').toMatch(/not readable as CSV/);
  });

  it('reads presets that look across rows (Shopify) and JSON catalogs in the main thread, XML items in workers, as in one thread', async () => {
    for (const [file, preset, extra] of [
      ['shopify-products.csv', 'shopify', []],
      ['products.json', 'google', ['json_path: data.products']],
      ['products.ndjson', 'google', []],
      ['google-feed.xml', 'google', []],
      ['magento-products.csv', 'magento', []],
      ['akeneo-products.csv', 'akeneo', []],
    ] as const) {
      const bytes = await readFile(path.join(REPO, 'fixtures', 'catalog', file));
      const ext = path.extname(file).slice(1);
      const dir = await hostileProject(bytes, ext, [`preset: ${preset}`, 'base_url: https://shop.example.com', ...extra]);
      const yaml = await readFile(path.join(dir, 'shelfcast.yaml'), 'utf8');
      // hostileProject writes the google preset first; the later key is the one meant here.
      await writeFile(path.join(dir, 'shelfcast.yaml'), yaml.replace('  preset: google\n', ''));
      dirs.push(dir);
      const outcome = await expectSameOutcome(dir);
      expect({ file, error: outcome.error }).toEqual({ file, error: undefined });
    }
  });

  it('joins supplemental sources (CSV, JSON, XML) the same way in workers and in one thread', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pass-src-')), 'catalog.csv');
    dirs.push(path.dirname(file));
    await generateCsv(file, 300, 11);
    // The generator's ids: four variants per product.
    const ids = Array.from({ length: 300 }, (_, i) => `SKU-${Math.floor(i / 4)}-${i % 4}`);
    const dir = await hostileProject(await readFile(file), 'csv', [
      'sources:',
      '  - path: prices.csv',
      '    columns: { id: sku }',
      '    fields: [price, sale_price]',
      '  - path: labels.json',
      '    fields: { custom_label_0: override, title: fill, extra.margin: override }',
      '  - path: stock.xml',
      '    item_path: stock.item',
      '    mode: fill',
    ]);
    dirs.push(dir);
    // Every third item gets a price, a duplicate row and keys of no item; labels for a few; stock as XML.
    const prices = ['sku,price,sale_price', ...ids.filter((_, i) => i % 3 === 0).map((id, i) => `${id},${(i % 50) + 1}.99 USD,${i % 4 ? '' : '0.99 USD'}`), `${ids[0]},1.00 USD,`, 'NO-SUCH-1,2.00 USD,', 'NO-SUCH-2,3.00 USD,'];
    await writeFile(path.join(dir, 'prices.csv'), `${prices.join('\n')}\n`);
    await writeFile(path.join(dir, 'labels.json'), JSON.stringify(ids.filter((_, i) => i % 7 === 1).map((id, i) => ({ id, custom_label_0: `label ${i}`, title: '', margin: String(i % 3) }))));
    await writeFile(path.join(dir, 'stock.xml'), `<stock>${ids.filter((_, i) => i % 5 === 2).map((id, i) => `<item><id>${id}</id><quantity>${i}</quantity></item>`).join('')}<item><quantity>1</quantity></item></stock>`);
    const outcome = await expectSameOutcome(dir);
    expect(outcome.error).toBeUndefined();
    const codes = (outcome.issues as Array<{ code: string; file?: string; row?: number }>).filter((i) => i.code.startsWith('catalog.source.'));
    expect(codes.map((i) => [i.code, i.file, i.row])).toEqual([
      ['catalog.source.duplicate_key', 'prices.csv', 102],
      ['catalog.source.key_missing', 'stock.xml', 61],
      ['catalog.source.unmatched', 'prices.csv', 103],
      ['catalog.source.unmatched', 'prices.csv', 104],
    ]);
    const google = outcome.feeds!.find((f) => f.id === 'google')!.files.join('');
    expect(google).toContain('<g:price>1.99 USD</g:price>');
  });
});
