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
];

describe('npm run bench', () => {
  // Nine child processes, one after the other, on a machine that may be busy: a generous limit.
  it('runs at a small size and reports every measurement as JSON', { timeout: 600_000 }, () => {
    const record = path.join(dir, 'BENCHMARKS.md');
    const run = spawnSync(process.execPath, ['bench/run.js', '--rows', '2000', '--dir', dir, '--record', record], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.rows).toBe(2000);
    expect(doc.machine).toMatchObject({ cores: expect.any(Number), node: process.version });
    expect(doc.loadBefore).toHaveLength(3);
    const peer = existsSync(path.resolve(root, '../shared/peers/python_google_feed.py'));
    const expected = peer ? MEASUREMENTS : MEASUREMENTS.filter((m) => m !== 'peer');
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
});
