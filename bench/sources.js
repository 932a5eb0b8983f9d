#!/usr/bin/env node
// The cost of a supplemental source: `shelfcast build --feed google` and `shelfcast validate` of
// the generated catalog without and with one supplemental source holding a row for every item
// (sale price, quantity, a custom label), and the memory of its keyed table. Prints JSON on stdout.
// Options: --rows N (1000000), --dir DIR (where catalogs are kept; default a temp folder),
// --repeat N (best of N; 1), --workers N (passed to shelfcast; default its own choice).
import { existsSync, createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { finished } from 'node:stream/promises';
import { generateCsv, VARIANTS } from './catalog-generator.js';
import { measure } from './measure.js';
import { resetProject, writeProject } from './project.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, dir: { type: 'string' }, repeat: { type: 'string', default: '1' }, workers: { type: 'string' } } });
const rows = Number(values.rows);
const dir = path.resolve(values.dir ?? path.join(os.tmpdir(), 'shelfcast-bench-sources'));
await mkdir(dir, { recursive: true });
const catalog = path.join(dir, `catalog-${rows}-s1.csv`);
if (!existsSync(catalog)) await generateCsv(catalog, rows, 1);

/** One row per item of the generated catalog, in another order than the catalog (a price list sorted otherwise). */
const supplemental = path.join(dir, `supplemental-${rows}.csv`);
if (!existsSync(supplemental)) {
  const out = createWriteStream(supplemental);
  out.write('sku,sale_price,quantity,custom_label_1\n');
  for (let k = 0; k < rows; k++) {
    const i = (k * 7919) % rows;
    const line = `SKU-${Math.floor(i / VARIANTS)}-${i % VARIANTS},${(i % 90) + 1}.49,${i % 37},promo-${i % 11}\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  await finished(out);
}

async function project(name, withSource) {
  const p = path.join(dir, name);
  await writeProject(p);
  const file = path.join(p, 'shelfcast.yaml');
  const yaml = (await import('node:fs/promises')).readFile(file, 'utf8');
  let text = (await yaml).replace('path: catalog.csv', `path: ${catalog}`);
  if (withSource) text = text.replace('  currency: USD\n', `  currency: USD\n  sources:\n    - path: ${supplemental}\n      name: prices\n      columns: { id: sku }\n`);
  await writeFile(file, text);
  return p;
}

const cli = path.join(root, 'bin', 'shelfcast.js');
const workers = values.workers === undefined ? [] : ['--workers', values.workers];
async function best(p, args) {
  let best;
  for (let r = 0; r < Number(values.repeat); r++) {
    await resetProject(p);
    const m = await measure(process.execPath, [cli, ...args, ...workers], { cwd: p });
    if (m.exitCode > 1) throw new Error(`${args.join(' ')} failed: ${m.stderr}`);
    if (!best || m.wallSeconds < best.wallSeconds) best = m;
  }
  return { wallSeconds: +best.wallSeconds.toFixed(2), cpuSeconds: best.cpuSeconds, peakRssMiB: Math.round(best.peakRssBytes / 2 ** 20), rowsPerSecond: Math.round(rows / best.wallSeconds) };
}

const plain = await project('plain', false);
const joined = await project('joined', true);
const result = { rows, catalog, supplemental, runs: {} };
for (const [label, args] of [['build google', ['build', '--force', '--feed', 'google', '-q']], ['validate', ['validate', '-q']]]) {
  result.runs[label] = { none: await best(plain, args), oneSource: await best(joined, args) };
}
const table = await measure(process.execPath, ['--expose-gc', path.join(root, 'bench', 'sources-table.js'), path.join(joined, 'shelfcast.yaml')]);
result.table = JSON.parse(table.stdout);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
