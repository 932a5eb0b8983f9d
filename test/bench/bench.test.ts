import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MEASUREMENTS = [
  'read bytes',
  'csv-parse only',
  'fast-csv only',
  'shelfcast validate',
  'peer',
  'shelfcast build google xml',
  'shelfcast build 6 feeds',
  'sharded build 6 feeds: 2 shards at once',
  'merge 6 feeds of 2 shards',
  'xml catalog: validate',
  'xml catalog: build google xml',
  'shared descriptions: shelfcast validate',
  'shared descriptions: peer',
  'shared descriptions: shelfcast build google xml',
  'shared descriptions: shelfcast build 6 feeds',
];

describe('npm run bench', () => {
  // Nine child processes, one after the other, on a machine that may be busy: a generous limit.
  it('runs at a small size and reports every measurement as JSON', { timeout: 600_000 }, () => {
    const record = path.join(dir, 'BENCHMARKS.md');
    // DuckDB is optional: the test does not look for it, so the list of measurements is fixed.
    const env = { ...process.env, SHELFCAST_BENCH_DUCKDB: '' };
    const run = spawnSync(process.execPath, ['bench/run.js', '--rows', '2000', '--dir', dir, '--record', record], { cwd: root, encoding: 'utf8', env });
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.rows).toBe(2000);
    expect(doc.machine).toMatchObject({ cores: expect.any(Number), node: process.version });
    expect(doc.loadBefore).toHaveLength(3);
    const peer = ['..', '../..'].some((up) => existsSync(path.resolve(root, up, 'shared/peers/python_google_feed.py')));
    const expected = peer ? MEASUREMENTS : MEASUREMENTS.filter((m) => !m.endsWith('peer'));
    expect(doc.results.map((r: { name: string }) => r.name)).toEqual(expected);
    for (const r of doc.results) {
      expect(r.ok, r.name).toBe(true);
      expect(r.rows).toBe(2000);
      expect(r.bytes).toBeGreaterThan(0);
      expect(r.wallSeconds).toBeGreaterThan(0);
      expect(r.peakRssBytes).toBeGreaterThan(0);
      expect(r.rowsPerSecond).toBeGreaterThan(0);
      expect(r.mbPerSecond).toBeGreaterThan(0);
      if (peer) expect(r.vsPeerRowsPerSecond).toBeGreaterThan(0);
    }
    // The table lands in the record file with the machine and the load.
    const md = readFileSync(record, 'utf8');
    expect(md).toContain('2,000 rows');
    expect(md).toContain('| shelfcast build 6 feeds |');
    expect(md).toMatch(/Load average before \/ after: [\d.]+ [\d.]+ [\d.]+/);
  });

  it('runs only the measurements --steps names, and refuses a name it does not have', { timeout: 300_000 }, () => {
    const env = { ...process.env, SHELFCAST_BENCH_DUCKDB: '' };
    const args = ['bench/run.js', '--rows', '2000', '--dir', dir, '--no-record', '--no-xml', '--descriptions', 'distinct', '--shards', '0'];
    const run = spawnSync(process.execPath, [...args, '--steps', 'shelfcast validate, shelfcast build 6 feeds'], { cwd: root, encoding: 'utf8', env });
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.results.map((r: { name: string }) => r.name)).toEqual(['shelfcast validate', 'shelfcast build 6 feeds']);
    expect(doc.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const wrong = spawnSync(process.execPath, [...args, '--steps', 'shelfcast build 7 feeds'], { cwd: root, encoding: 'utf8', env });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('no measurement named "shelfcast build 7 feeds"');
    expect(wrong.stderr).toContain('shelfcast build 6 feeds');
  });

  it('generates the same catalog for the same seed', async () => {
    const { generateCsv } = await import('../../bench/catalog-generator.js');
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    await generateCsv(a, 300, 7);
    await generateCsv(b, 300, 7);
    const text = readFileSync(a, 'utf8');
    expect(readFileSync(b, 'utf8')).toBe(text);
    expect(text.split('\r\n')[0]!.split(',')).toHaveLength(25);
  });

  it('gives every row its own description in distinct mode, and variants one in shared mode', async () => {
    const { descriptionPool, makeRow, prng } = await import('../../bench/catalog-generator.js');
    const pool = descriptionPool(7);
    const descriptions = (mode: string) => {
      const rnd = prng(7);
      return Array.from({ length: 2000 }, (_, i) => (makeRow(rnd, i, pool, mode) as string[])[2]!);
    };
    expect(new Set(descriptions('distinct')).size).toBe(2000);
    // 500 item groups; a faulty row's description may carry a control character of its own.
    expect(new Set(descriptions('shared')).size).toBeLessThanOrEqual(600);
  });
});
