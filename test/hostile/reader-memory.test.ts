import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../e2e/cli.js';

const BIN = path.join(REPO, 'bin', 'shelfcast.js');
/** The huge field: 200 MiB in one cell, item or line. */
const HUGE = 200;
/** What a reader may take in all (resident set, the runtime itself included) whatever one field holds. */
const BOUND_MIB = 192;

const product = (id: string) => ({ id, title: `Product ${id}`, description: 'd', link: `https://shop.example.com/${id}`, image_link: `https://cdn.example.com/${id}.jpg`, price: '5 USD', availability: 'in_stock', brand: 'B', mpn: 'M', condition: 'new' });

/** Writes `before`, then HUGE MiB of `x` in 1 MiB chunks, then `after`: never the whole file in memory. */
function writeHuge(file: string, before: string, after: string): void {
  const fd = openSync(file, 'w');
  writeSync(fd, before);
  const chunk = Buffer.alloc(1 << 20, 'x');
  for (let i = 0; i < HUGE; i++) writeSync(fd, chunk);
  writeSync(fd, after);
  closeSync(fd);
}

const CSV_HEAD = 'id,title,description,link,image_link,price,availability,brand,mpn,condition\n';
const csvRow = (id: string) => Object.values(product(id)).join(',') + '\n';
const CATALOGS: Record<string, (file: string) => void> = {
  csv: (f) => writeHuge(f, `${CSV_HEAD}${csvRow('A1')}A2,Huge,"`, `",https://shop.example.com/2,https://cdn.example.com/2.jpg,5 USD,in_stock,B,M,new\n${csvRow('A3')}`),
  ndjson: (f) => writeHuge(f, `${JSON.stringify(product('A1'))}\n{"id":"A2","title":"Huge","description":"`, `"}\n${JSON.stringify(product('A3'))}\n`),
  json: (f) => writeHuge(f, `[${JSON.stringify(product('A1'))},{"id":"A2","title":"Huge","description":"`, `"},${JSON.stringify(product('A3'))}]`),
  xml: (f) =>
    writeHuge(
      f,
      '<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0"><channel><item><g:id>A1</g:id><g:title>One</g:title></item><item><g:id>A2</g:id><g:description>',
      '</g:description></item><item><g:id>A3</g:id></item></channel></rss>\n',
    ),
};

interface Measured {
  code: number;
  stderr: string;
  maxRssMiB: number;
}

/**
 * `validate` in a child with a small heap; a preloaded hook records the peak resident set at exit.
 * The readers run in the main thread; `--workers 0` keeps out the fixed cost of worker threads
 * (their own runtime, measured by the benchmark), which does not depend on what a field holds.
 */
async function measure(dir: string): Promise<Measured> {
  const rssFile = path.join(dir, 'rss.txt');
  const hook = path.join(dir, 'rss-hook.cjs');
  await writeFile(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) =>
    execFile(process.execPath, ['--max-old-space-size=64', '--require', hook, BIN, 'validate', '--workers', '0'], { cwd: dir, env: { PATH: process.env.PATH } }, (err, _out, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, stderr }),
    ),
  );
  const kib = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
  return { code, stderr, maxRssMiB: Math.round(kib / 1024) };
}

describe(`a single ${HUGE} MiB field never takes a reader past ${BOUND_MIB} MiB`, () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-memory-'));
  });
  afterAll(async () => rm(base, { recursive: true, force: true }));

  async function run(format: string): Promise<Measured> {
    const dir = await mkdtemp(path.join(base, `${format}-`));
    await writeFile(path.join(dir, 'shelfcast.yaml'), `name: Memory\ncatalog:\n  path: catalog.${format}\n  preset: google\n  currency: USD\nfeeds: feeds\noutput: out\nstate: .shelfcast\n`);
    await mkdir(path.join(dir, 'feeds'));
    await writeFile(path.join(dir, 'feeds', 'google.yaml'), 'channel: google\nformat: xml\ncountry: US\nlanguage: en\ncurrency: USD\n');
    CATALOGS[format]!(path.join(dir, `catalog.${format}`));
    const m = await measure(dir);
    await rm(path.join(dir, `catalog.${format}`));
    console.info(`reader-memory ${format}: exit ${m.code}, peak RSS ${m.maxRssMiB} MiB for a ${HUGE} MiB field`);
    return m;
  }

  /** Clean: exit 0/1 (read) or 2 with a ShelfcastError naming the catalog and the place; never an out-of-memory crash. */
  function expectClean(m: Measured, format: string): void {
    expect(m.stderr).not.toMatch(/heap out of memory|FATAL ERROR|internal error|^\s+at /m);
    expect([0, 1, 2]).toContain(m.code);
    if (m.code === 2) expect(m.stderr).toMatch(new RegExp(`catalog\\.${format}: .*(item|row|line)`));
    expect(m.maxRssMiB).toBeGreaterThan(0);
    expect(m.maxRssMiB).toBeLessThan(BOUND_MIB);
  }

  for (const format of ['ndjson', 'json', 'xml']) {
    it(`${format}: stops at maxItemChars (16 MiB) with a clear error`, async () => expectClean(await run(format), format), 120_000);
  }

  // The CSV readers (the fast scanner and the csv-parse fallback) stop at MAX_RECORD_SIZE (16 MiB).
  it('csv: bounded like the other readers', async () => expectClean(await run('csv'), 'csv'), 180_000);
});
