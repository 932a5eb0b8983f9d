import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../servers/merchant-meta-pinterest-faults.js';
import { REPO, runCli } from './cli.js';
import { catalogText, deliveryProject } from './delivery-project.js';

const BIN = path.join(REPO, 'bin', 'shelfcast.js');
const KILLS = 50;
const FILES = ['out/google.xml', 'published/google.xml'];

/** Starts `shelfcast run` and SIGKILLs it after `ms` (or lets it finish first); resolves when it is gone, with how long it ran. */
function runAndKill(cwd: string, ms: number): Promise<{ outcome: 'killed' | 'finished'; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'run', '--quiet'], { cwd, env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1767225600' }, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ outcome: signal === 'SIGKILL' ? 'killed' : 'finished', ms: Date.now() - started });
    });
  });
}

async function leftovers(dir: string): Promise<string[]> {
  const names = [...(await readdir(path.join(dir, 'out'))), ...(await readdir(path.join(dir, 'published')))];
  return names.filter((n) => n.startsWith('.') || n.endsWith('.tmp'));
}

describe('SIGKILL at random points of a publish', () => {
  let dir: string;
  const versions = new Map<string, Buffer[]>();
  const catalogs: string[] = [];
  let fullRunMs = 0;

  beforeAll(async () => {
    dir = await deliveryProject({ rows: 1000 });
    catalogs.push(await catalogText(1000, 0), await catalogText(1000, 1));
    // The two versions every file may hold: built by complete runs.
    for (const catalog of catalogs) {
      await writeFile(path.join(dir, 'catalog.csv'), catalog);
      const started = Date.now();
      const r = await runCli(['run', '--quiet'], dir);
      fullRunMs = Math.max(fullRunMs, Date.now() - started);
      expect(r.code, r.stderr).toBe(0);
      for (const f of FILES) versions.set(f, [...(versions.get(f) ?? []), await readFile(path.join(dir, f))]);
    }
    for (const f of FILES) expect(versions.get(f)![0]!.equals(versions.get(f)![1]!)).toBe(false);
  }, 120_000);
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it(`leaves every published file byte-identical to the old or the new version (${KILLS} kills)`, async () => {
    const random = seeded(20260301);
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // Alternate the catalog, so each kill interrupts a run that would change every file.
      const next = i % 2;
      await writeFile(path.join(dir, 'catalog.csv'), catalogs[next]!);
      const attempt = await runAndKill(dir, Math.floor(random() * fullRunMs * 1.1));
      if (attempt.outcome === 'killed') killed++;
      // A run that finished first tells how long a run takes now: a slow set-up run (a busy
      // machine) would otherwise leave most kills after the end, whatever the code does.
      else fullRunMs = Math.min(fullRunMs, attempt.ms);
      for (const f of FILES) {
        const now = await readFile(path.join(dir, f));
        const match = versions.get(f)!.findIndex((v) => v.equals(now));
        expect(match, `${f} after kill ${i} matches neither version (${now.length} bytes)`).toBeGreaterThanOrEqual(0);
      }
      // The next run succeeds, takes over the dead run's lock and leaves no temp file.
      const r = await runCli(['run', '--quiet'], dir);
      expect(r.code, r.stderr).toBe(0);
      for (const f of FILES) expect((await readFile(path.join(dir, f))).equals(versions.get(f)![next]!), f).toBe(true);
      expect(await leftovers(dir)).toEqual([]);
    }
    // Most kills must land inside a run for the test to mean anything.
    expect(killed).toBeGreaterThanOrEqual(KILLS * 0.6);
    console.info(`kill-publish: ${killed} of ${KILLS} runs killed mid-run; every file old or new, every next run exit 0, no temp files`);
  }, 1_200_000);
});
