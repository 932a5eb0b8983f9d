import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startEarlyWorkers, stopEarlyWorkers, takeEarlyWorker } from '../../src/run/pass/early-workers.js';
import { autoWorkersNow } from '../../src/run/pass/worker-count.js';
import { WorkerPool } from '../../src/run/pass/worker-pool.js';
import { REPO } from '../e2e/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-early-'));
const big = path.join(dir, 'big.csv');
writeFileSync(big, '');
// A sparse 9 MiB file: large enough for workers by size, nothing on disk.
truncateSync(big, 25 * 1024 * 1024);
writeFileSync(path.join(dir, 'small.csv'), 'id,title\n1,a\n');
writeFileSync(path.join(dir, 'shelfcast.yaml'), 'name: x\ncatalog:\n  path: big.csv   # the export\n');
writeFileSync(path.join(dir, 'other.yaml'), 'name: x\ncatalog: { path: "small.csv" }\n');
writeFileSync(path.join(dir, 'broken.yaml'), 'catalog: [\n');
afterEach(() => stopEarlyWorkers());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How many workers a command line starts early (they are stopped again after each test). */
const started = (...argv: string[]) => startEarlyWorkers(argv, dir);

describe('workers started before the CLI loads', () => {
  it('start as many as the pass will choose, from --workers, --catalog or the config', async () => {
    const auto = await autoWorkersNow(25 * 1024 * 1024);
    expect(await started('build', '--workers', '2')).toBe(2);
    expect(await started('validate', '--workers=0', '--catalog', big)).toBe(0);
    expect(await started('build', '--catalog', 'big.csv')).toBe(auto);
    expect(await started('run', '--catalog=small.csv')).toBe(0);
    expect(await started('build')).toBe(auto);
    expect(await started('validate', '-c', 'other.yaml')).toBe(0);
    expect(await started('build', '--config=other.yaml', '--catalog', 'big.csv')).toBe(auto);
  });

  it('start none for other commands, URLs, or a config or catalog that cannot be read', async () => {
    expect(await started('channels')).toBe(0);
    expect(await started('history', '--workers', '2')).toBe(0);
    expect(await started('build', '--catalog', 'https://shop.example.com/feed.csv')).toBe(0);
    expect(await started('build', '--catalog', 'missing.csv')).toBe(0);
    expect(await started('build', '-c', 'broken.yaml')).toBe(0);
    expect(await started('build', '-c', 'missing.yaml')).toBe(0);
    expect(await started('build', '--workers', 'many')).toBe(0);
    expect(await started('build', '--workers', '65')).toBe(0);
  });

  it('are adopted by the pool, which gives them its setup, and serve units', async () => {
    expect(await started('build', '--workers', '1')).toBe(1);
    const pool = new WorkerPool(1, { configFile: path.join(REPO, 'shelfcast.yaml'), feedIds: ['google'], now: Date.UTC(2026, 0, 1) });
    try {
      // The one started was adopted: none is left to take.
      expect(takeEarlyWorker()).toBeUndefined();
      const result = await pool.run({ kind: 'mapped', seq: 0, rows: [] });
      expect(result.feeds).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
