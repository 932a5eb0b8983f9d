#!/usr/bin/env node
// `npm run bench`: generates synthetic catalogs and measures, on the same files and in one run,
// reading bytes, parsing, `shelfcast validate`, `shelfcast build` (Google XML, then six feeds), the
// Python peer and, when `@duckdb/node-api` is found (optional, not a dependency), DuckDB's CSV to
// TSV. The catalog's descriptions are distinct per row (as in most real catalogs); the peer,
// validate and both builds are measured again on a catalog whose variants share a description
// (`shared descriptions: ...`), each compared with the peer on its own file. Prints a table on
// stderr and one JSON document on stdout, and appends the table to BENCHMARKS.md. Options:
// --rows N (200000), --quick (2000 rows), --seed N (1), --repeat N (1, best of N), --dir DIR
// (temp folder), --descriptions distinct|shared|both (both), --no-xml, --no-peer, --no-record,
// --record FILE (BENCHMARKS.md), --peer FILE, --duckdb DIR, --label TEXT (what was measured, in the
// BENCHMARKS.md heading), --shards N (2: a sharded build of the six feeds, N shard processes side
// by side, then the merge; 0 skips it), --steps NAMES (only these measurements, by their names in
// the table, comma-separated: a 1M-row run of the six feeds alone), --help.
import { existsSync, statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DESCRIPTION_MODES, GENERATOR_VERSION, generateCsv, generateXml } from './catalog-generator.js';
import { findDuckdb } from './duckdb.js';
import { loadAverage, machine } from './machine.js';
import { hasGnuTime, measure, measureGroup } from './measure.js';
import { FEEDS, resetProject, writeProject } from './project.js';
import { appendMarkdown, textTable, withRates } from './report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const usage = `usage: npm run bench -- [--rows N | --quick] [--seed N] [--repeat N] [--dir DIR]
       [--descriptions distinct|shared|both] [--no-xml] [--no-peer] [--no-record | --record FILE]
       [--peer FILE] [--duckdb DIR] [--label TEXT]
  --rows N      catalog rows (200000; 1000000 for the scale run)   --quick   2000 rows
  --repeat N    best of N runs of each measurement (1)             --dir     where catalogs are kept
  --no-xml      skip the XML catalog measurements                  --no-peer skip the Python peer
  --no-record   do not append the table to BENCHMARKS.md           --label   heading text
  --descriptions  distinct (one per row), shared (one per item group) or both (default)
  --duckdb DIR  a folder where @duckdb/node-api is installed (or SHELFCAST_BENCH_DUCKDB)
  --shards N    sharded build: N shard processes at once, then the merge (2; 0: skip)
  --steps NAMES only these measurements, named as in the table, comma-separated
                (e.g. --steps "shelfcast build 6 feeds")
`;

/** The peer next to the repository (../shared), or next to the folder of its worktrees (../../shared). */
function defaultPeer() {
  const near = ['..', '../..'].map((up) => path.resolve(root, up, 'shared/peers/python_google_feed.py'));
  return near.find((file) => existsSync(file)) ?? near[0];
}

/** Option mistakes get the usage, not a stack trace. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        rows: { type: 'string' },
        quick: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        repeat: { type: 'string', default: '1' },
        dir: { type: 'string' },
        'no-xml': { type: 'boolean', default: false },
        'no-peer': { type: 'boolean', default: false },
        'no-record': { type: 'boolean', default: false },
        peer: { type: 'string', default: defaultPeer() },
        record: { type: 'string', default: path.join(root, 'BENCHMARKS.md') },
        label: { type: 'string', default: '' },
        descriptions: { type: 'string', default: 'both' },
        duckdb: { type: 'string' },
        shards: { type: 'string', default: '2' },
        steps: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`bench: ${err.message}\n${usage}`);
    process.exit(2);
  }
}
const { values } = parseOptions();
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}

const rows = Number(values.rows ?? (values.quick ? 2000 : 200_000));
const seed = Number(values.seed);
const repeat = Math.max(1, Number(values.repeat));
const shardCount = Number(values.shards);
for (const [name, n, min] of [['--rows', rows, 1], ['--seed', seed, 0], ['--repeat', Number(values.repeat), 1], ['--shards', shardCount, 0]]) {
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`bench: ${name} must be a whole number of at least ${min}\n${usage}`);
    process.exit(2);
  }
}
if (![...DESCRIPTION_MODES, 'both'].includes(values.descriptions)) {
  process.stderr.write(`bench: --descriptions must be distinct, shared or both\n${usage}`);
  process.exit(2);
}
const modes = values.descriptions === 'both' ? ['distinct', 'shared'] : [values.descriptions];
const cli = path.join(root, 'bin', 'shelfcast.js');
if (!existsSync(path.join(root, 'dist', 'bundle', 'main.js'))) {
  process.stderr.write('dist/ is missing: run `npm run build` first.\n');
  process.exit(2);
}

const dir = path.resolve(values.dir ?? path.join(os.tmpdir(), 'shelfcast-bench'));
const projectDir = path.join(dir, 'project');
await mkdir(dir, { recursive: true });

/** Generates a catalog once per (rows, seed, descriptions); later runs reuse the file. */
async function catalog(ext, generate, descriptions) {
  const suffix = descriptions === 'shared' ? '' : `-${descriptions}`;
  const file = path.join(dir, `catalog-${rows}-s${seed}-v${GENERATOR_VERSION}${suffix}.${ext}`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${path.basename(file)}...\n`);
    const tmp = `${file}.partial`;
    await generate(tmp, rows, seed, descriptions);
    await rm(file, { force: true });
    await import('node:fs/promises').then((fs) => fs.rename(tmp, file));
  }
  return { file, bytes: statSync(file).size };
}

await writeProject(projectDir);
const allFeeds = Object.keys(FEEDS).map((f) => f.replace(/\.yaml$/, ''));
const outFile = (name) => path.join(projectDir, 'out', name);
const sixFeeds = ['google.xml', 'meta.csv', 'pinterest.tsv', 'tiktok.csv', 'idealo.csv', 'amazon.json'].map(outFile);

const node = process.execPath;
const shelfcast = (...args) => [node, [cli, ...args, '-c', path.join(projectDir, 'shelfcast.yaml'), '-q']];
const duckdb = findDuckdb(root, values.duckdb);

/**
 * name, catalog, command (or `group`: commands run side by side), which files must exist afterwards
 * for the run to count, and the peer group whose peer its ratios are taken against. The first mode
 * gets every measurement; a second one (shared descriptions) only the peer, validate and the two
 * builds, named with its mode.
 */
const plan = [];
let csvBytes = 0;
let xmlBytes = null;
for (const [i, mode] of modes.entries()) {
  const csv = await catalog('csv', generateCsv, mode);
  csvBytes ||= csv.bytes;
  const peerGroup = i === 0 ? '' : `${mode} descriptions: `;
  const step = (name, cat, cmd, extra = {}) => plan.push({ name: peerGroup + name, peerGroup, cat, cmd, ...extra });
  if (i === 0) {
    step('read bytes', csv, [node, [path.join(root, 'bench/tasks/read-bytes.js'), csv.file]]);
    step('csv-parse only', csv, [node, [path.join(root, 'bench/tasks/csv-parse.js'), csv.file]]);
    step('fast-csv only', csv, [node, [path.join(root, 'bench/tasks/fast-csv.js'), csv.file]]);
  }
  step('shelfcast validate', csv, shelfcast('validate', '--catalog', csv.file));
  step('peer', csv, ['python3', [values.peer, csv.file, path.join(dir, 'peer.xml')]], { peer: true, expect: [path.join(dir, 'peer.xml')] });
  step('shelfcast build google xml', csv, shelfcast('build', '--force', '--catalog', csv.file, '--feed', 'google'), { expect: [outFile('google.xml')] });
  step('shelfcast build 6 feeds', csv, shelfcast('build', '--force', '--catalog', csv.file, '--feed', allFeeds.join(',')), { expect: sixFeeds });
  if (i === 0 && shardCount > 0) {
    // One thread per shard, as a pod of one CPU runs it; the shards run side by side, then the merge.
    const shardDir = path.join(dir, 'shards');
    const feedList = allFeeds.join(',');
    step(`sharded build 6 feeds: ${shardCount} shards at once`, csv, null, {
      before: () => rm(shardDir, { recursive: true, force: true }),
      group: Array.from({ length: shardCount }, (_, k) => shelfcast('build', '--catalog', csv.file, '--feed', feedList, '--workers', '0', '--shard', `${k}/${shardCount}`, '--shard-dir', shardDir)),
    });
    step(`merge 6 feeds of ${shardCount} shards`, csv, shelfcast('merge', '--shards', String(shardCount), '--shard-dir', shardDir, '--no-push', '--force'), { expect: [outFile('google.xml'), outFile('amazon.json')] });
  }
  if (i === 0 && duckdb) {
    const tsv = path.join(dir, 'duckdb.tsv');
    step('duckdb csv to tsv', csv, [node, [path.join(root, 'bench/tasks/duckdb-csv-to-tsv.js'), duckdb, csv.file, tsv]], { expect: [tsv] });
  }
  if (i === 0 && !values['no-xml']) {
    const xml = await catalog('xml', generateXml, mode);
    xmlBytes = xml.bytes;
    step('xml catalog: validate', xml, shelfcast('validate', '--catalog', xml.file));
    step('xml catalog: build google xml', xml, shelfcast('build', '--force', '--catalog', xml.file, '--feed', 'google'), { expect: [outFile('google.xml')] });
  }
}
const peerMissing = values['no-peer'] || !existsSync(values.peer);
const wanted = values.steps?.split(',').map((n) => n.trim()).filter(Boolean);
const unknown = wanted?.filter((n) => !plan.some((p) => p.name === n)) ?? [];
if (unknown.length) {
  process.stderr.write(`bench: --steps: no measurement named ${unknown.map((n) => JSON.stringify(n)).join(', ')} with these options; the names are: ${plan.map((p) => p.name).join(', ')}\n`);
  process.exit(2);
}
const steps = plan.filter((p) => !(p.peer && peerMissing) && (!wanted || wanted.includes(p.name)));

const loadBefore = loadAverage();
const best = new Map();
for (let round = 1; round <= repeat; round++) {
  for (const step of steps) {
    await resetProject(projectDir);
    await rm(path.join(dir, 'peer.xml'), { force: true });
    await rm(path.join(dir, 'duckdb.tsv'), { force: true });
    process.stderr.write(`[${round}/${repeat}] ${step.name}...`);
    await step.before?.();
    const env = { NO_COLOR: '1' };
    const m = step.group ? await measureGroup(step.group, { cwd: projectDir, env }) : await measure(step.cmd[0], step.cmd[1], { cwd: projectDir, env });
    // validate and build finish with 1 when the catalog has errors, which this one has on purpose.
    const ok = (m.exitCode === 0 || m.exitCode === 1) && (step.expect ?? []).every((f) => existsSync(f));
    process.stderr.write(` ${m.wallSeconds.toFixed(2)} s${ok ? '' : ` FAILED (exit ${m.exitCode}): ${m.stderr.slice(-500)}`}\n`);
    const result = { name: step.name, peerGroup: step.peerGroup, ok, rows, bytes: step.cat.bytes, wallSeconds: m.wallSeconds, cpuSeconds: m.cpuSeconds, peakRssBytes: m.peakRssBytes, exitCode: m.exitCode };
    const prev = best.get(step.name);
    if (!prev || (ok && (!prev.ok || m.wallSeconds < prev.wallSeconds))) best.set(step.name, result);
  }
}
const loadAfter = loadAverage();

const results = withRates(steps.map((s) => best.get(s.name)));
const doc = {
  date: new Date().toISOString(),
  label: values.label,
  rows,
  seed,
  repeat,
  descriptions: modes,
  machine: machine(),
  loadBefore,
  loadAfter,
  rssSource: hasGnuTime() ? '/usr/bin/time -v' : '/proc VmHWM',
  catalog: { csvBytes, xmlBytes },
  peer: peerMissing ? null : values.peer,
  duckdb,
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  results,
};
process.stderr.write(`\n${textTable(results)}\n\nload average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}\n`);
if (!values['no-record']) await appendMarkdown(values.record, doc);
process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
