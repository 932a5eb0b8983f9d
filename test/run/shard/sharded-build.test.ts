import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv, toNdjson } from '../../hostile/catalog-writers.js';
import { CASES_DIR, loadCases } from '../../hostile/curated-case.js';
import { hostileProject, runInProcess, type RunOutcome } from '../../hostile/hostile-project.js';
import { catalogRows } from '../../hostile/row-arbitraries.js';

/**
 * A sharded build (N shards, then merge) makes the same bytes as a one-machine build: the feed
 * files, the item index, the counts and every issue. Units are cut small (a few rows each) so that
 * even the curated catalogs spread over every shard, duplicates and splits landing across shards.
 */
const UNITS = ['--unit-bytes', '90', '--unit-rows', '2'];
const MAX_SHARDS = 7;

/** Every file under `dir` with its bytes, by relative path; the item index without its last line (it names the run). */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const rel = path.join(sub, e.name);
      if (e.isDirectory()) await walk(rel);
      else if (e.name === 'item-index.ndjson') out[rel] = (await readFile(path.join(dir, rel), 'utf8')).replace(/[^\n]*\n$/, '');
      else if (/\.(xml|csv|tsv|json|ndjson|txt)$/.test(e.name) && !rel.includes('versions') && !/runs|published/.test(rel)) out[rel] = (await readFile(path.join(dir, rel))).toString('base64');
    }
  };
  await walk('out');
  await walk(path.join('.shelfcast', 'feeds'));
  return out;
}

/** The run's JSON report without what names the run itself. */
function reportOf(out: RunOutcome): unknown {
  const doc = JSON.parse(out.stdout) as Record<string, unknown>;
  for (const k of ['runId', 'command', 'startedAt', 'finishedAt', 'durationMs']) delete doc[k];
  return doc;
}

/**
 * True when the catalog built (and so was merged), false when it fails as a whole (checked too).
 * `workers`: every other shard runs a worker thread, whose feed issues reach its shard file packed
 * as bytes (see PackedIssues), the others' as objects; the merge takes both.
 */
async function expectShardsMatch(dir: string, label: string, workers = false): Promise<boolean> {
  const one = await runInProcess(['build', '--force', '--json'], dir);
  const want = one.code === 2 ? undefined : { report: reportOf(one), files: await filesOf(dir) };
  for (let n = 1; n <= MAX_SHARDS; n++) {
    await rm(path.join(dir, 'out'), { recursive: true, force: true });
    await rm(path.join(dir, '.shelfcast'), { recursive: true, force: true });
    const shardDir = `shards-${n}`;
    // Side by side, as pods run them: they share only the shard folder.
    const shards = await Promise.all(Array.from({ length: n }, (_, k) => runInProcess(['build', '--shard', `${k}/${n}`, '--shard-dir', shardDir, '--quiet', ...UNITS, ...(workers && k % 2 === 1 ? ['--workers', '1'] : [])], dir)));
    for (const [k, shard] of shards.entries()) {
      if (!want) {
        // A run-level failure (no header row, unreadable file) fails every shard as it fails the build.
        expect(shard.code, `${label}: shard ${k}/${n}`).toBe(2);
        expect(shard.stderr).toBe(one.stderr);
        continue;
      }
      expect(shard.code, `${label}: shard ${k}/${n}: ${shard.stderr}`).toBe(0);
    }
    if (!want) continue;
    const merged = await runInProcess(['merge', '--shards', String(n), '--shard-dir', shardDir, '--no-push', '--force', '--json'], dir);
    expect(merged.code, `${label}: merge of ${n}: ${merged.stderr}`).toBe(one.code);
    expect(reportOf(merged), `${label}: report of a merge of ${n}`).toEqual(want.report);
    expect(await filesOf(dir), `${label}: files of a merge of ${n}`).toEqual(want.files);
  }
  return want !== undefined;
}

describe('sharded builds are byte-identical to one-machine builds', () => {
  it('on every curated hostile catalog, for 1 to 7 shards', async () => {
    const cases = await loadCases();
    let merged = 0;
    // A few cases at a time: a run mostly waits for fsync.
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async (c) => {
          const dir = await hostileProject(await readFile(path.join(CASES_DIR, c.name, c.catalogFile)), c.ext, c.expected.catalog);
          try {
            if (await expectShardsMatch(dir, c.name)) merged++;
          } finally {
            await rm(dir, { recursive: true, force: true });
          }
        }),
      );
    }
    // Most curated catalogs build (a few fail as a whole, checked above): none may be skipped unseen.
    expect(cases.length).toBeGreaterThanOrEqual(50);
    expect(merged).toBeGreaterThan(cases.length / 2);
  }, 600_000);

  it('on generated catalogs (CSV and NDJSON, duplicates and invalid UTF-8 among them), for 1 to 7 shards', async () => {
    const samples = fc.sample(catalogRows, { seed: 20261207, numRuns: 2 });
    for (const [n, rows] of samples.entries()) {
      const format = n === 0 ? 'csv' : 'ndjson';
      const dir = await hostileProject(format === 'csv' ? toCsv(rows, { crlf: true }) : toNdjson(rows), format);
      try {
        expect(await expectShardsMatch(dir, `generated ${format}`, true)).toBe(true);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }, 600_000);

  it('with a supplemental source: each key no shard matched is reported once, as in one build', async () => {
    const dir = await hostileProject(await readFile(path.join(process.cwd(), 'fixtures/demo/catalog.csv')), 'csv', [
      'sources:',
      '  - path: labels.csv',
      '    fields: [custom_label_0]',
    ]);
    try {
      // TEE-RED-S is early in the catalog and HEADPHONES-REF late, so their units go to different
      // shards; GONE-1 and GONE-2 match no item; a duplicate and a keyless row are reported too.
      await writeFile(
        path.join(dir, 'labels.csv'),
        'id,custom_label_0\nTEE-RED-S,summer\nGONE-1,winter\nHEADPHONES-REF,bestseller\nTEE-RED-S,again\n,nobody\nGONE-2,spring\n',
      );
      expect(await expectShardsMatch(dir, 'supplemental source', true)).toBe(true);
      const one = await runInProcess(['build', '--force', '--json'], dir);
      const joins = (JSON.parse(one.stdout) as { issues: Array<{ code: string; id?: string; row?: number }> }).issues.filter((i) => i.code.startsWith('catalog.source.'));
      expect(joins.map((i) => [i.code, i.id, i.row])).toEqual([
        ['catalog.source.duplicate_key', 'TEE-RED-S', 5],
        ['catalog.source.key_missing', undefined, 6],
        ['catalog.source.unmatched', 'GONE-1', 3],
        ['catalog.source.unmatched', 'GONE-2', 7],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
