import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { catalogText } from './delivery-project.js';
import { describePoint, runAndKillAt, seeded, type KillPoint } from './kill-harness.js';

const KILLS = 60;
const ROWS = 3000;
/** Every file a reader may see: the built feeds in out/ and their published copies. */
const FILES = ['out/google.xml', 'out/meta.csv', 'published/google.xml', 'published/meta.csv'];

/** Two feeds (XML and CSV), both published by the `file` destination into published/. */
async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-kill-loop-'));
  await mkdir(path.join(dir, 'feeds'));
  await writeFile(path.join(dir, 'shelfcast.yaml'), 'name: Kill Loop\ncatalog:\n  path: catalog.csv\n  preset: google\n  currency: USD\nfeeds: feeds\noutput: out\nstate: .shelfcast\n');
  for (const [id, format] of [['google', 'xml'], ['meta', 'csv']]) {
    await writeFile(path.join(dir, 'feeds', `${id}.yaml`), `channel: ${id}\nformat: ${format}\ncountry: US\nlanguage: en\ncurrency: USD\ndestination:\n  type: file\n  dir: published\n`);
  }
  return dir;
}

/** Every name under `dir` that a run writes only while it works: temp files of any kind. */
async function leftovers(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (entry.isFile() && (/\.tmp$/.test(entry.name) || entry.name.includes('shelfcast-tmp'))) found.push(rel);
  }
  return found.sort();
}

/** The seeded kill point of iteration i: during the build, the local write, the push, or after a log line. */
function killPoint(random: () => number, sizes: Map<string, number>): KillPoint {
  const feed = random() < 0.5 ? 'google.xml' : 'meta.csv';
  const escaped = feed.replace('.', '\\.');
  const size = sizes.get(feed)!;
  switch (Math.floor(random() * 6)) {
    case 0: // building: the temp file of the feed in out/ has grown this far
      return { kind: 'bytes', dir: 'out', match: new RegExp(`^\\.${escaped}\\.shelfcast-tmp-`), atLeast: Math.floor(random() * size) };
    case 1: // writing: the feed is being renamed into place in out/ (first or second event)
      return { kind: 'event', dir: 'out', match: new RegExp(`^${escaped}$`), nth: 1 + Math.floor(random() * 2) };
    case 2: // pushing: the upload's temp file in published/ has grown this far
      return { kind: 'bytes', dir: 'published', match: new RegExp(`^\\.${escaped}\\.shelfcast-tmp-`), atLeast: Math.floor(random() * size) };
    case 3: // pushing: the published file is being renamed into place
      return { kind: 'event', dir: 'published', match: new RegExp(`^${escaped}$`), nth: 1 };
    case 4: // recording: the feed's item index and summary are being written in the state folder
      return { kind: 'event', dir: `.shelfcast/feeds/${feed.split('.')[0]}`, match: /shelfcast-tmp-|\.tmp$/, nth: 1 + Math.floor(random() * 2) };
    default: // after the n-th progress line (one per feed written and published)
      return { kind: 'stderr', nth: 1 + Math.floor(random() * 4) };
  }
}

describe('SIGKILL at seeded points of build, write and push', () => {
  let dir: string;
  const versions = new Map<string, Buffer[]>();
  const catalogs: string[] = [];
  const sizes = new Map<string, number>();

  beforeAll(async () => {
    dir = await project();
    catalogs.push(await catalogText(ROWS, 0), await catalogText(ROWS, 7));
    for (const catalog of catalogs) {
      await writeFile(path.join(dir, 'catalog.csv'), catalog);
      const r = await runCli(['run', '--quiet'], dir);
      expect(r.code, r.stderr).toBe(0);
      for (const f of FILES) versions.set(f, [...(versions.get(f) ?? []), await readFile(path.join(dir, f))]);
    }
    for (const f of ['google.xml', 'meta.csv']) sizes.set(f, versions.get(`out/${f}`)![0]!.length);
    for (const f of FILES) expect(versions.get(f)![0]!.equals(versions.get(f)![1]!), f).toBe(false);
  }, 120_000);
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it(`leaves every file old or new, and the next run cleans up and succeeds (${KILLS} kills)`, async () => {
    const random = seeded(20261125);
    const byKind = new Map<string, number>();
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      const next = i % 2;
      await writeFile(path.join(dir, 'catalog.csv'), catalogs[next]!);
      const point = killPoint(random, sizes);
      const how = await runAndKillAt(dir, ['run'], point);
      if (how === 'killed') {
        killed++;
        const k = point.kind === 'stderr' ? 'stderr' : `${point.kind}:${point.dir}`;
        byKind.set(k, (byKind.get(k) ?? 0) + 1);
      }
      for (const f of FILES) {
        const now = await readFile(path.join(dir, f));
        expect(versions.get(f)!.some((v) => v.equals(now)), `${f} after a kill at ${describePoint(point)} (iteration ${i}) is neither version`).toBe(true);
      }
      const r = await runCli(['run', '--quiet'], dir);
      expect(r.code, `run after a kill at ${describePoint(point)}: ${r.stderr}`).toBe(0);
      for (const f of FILES) expect((await readFile(path.join(dir, f))).equals(versions.get(f)![next]!), f).toBe(true);
      expect(await leftovers(dir), `after a kill at ${describePoint(point)}, the next run left temp files`).toEqual([]);
    }
    console.info(`kill-loop: ${killed} of ${KILLS} runs killed (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}); every file old or new, every next run exit 0, no temp files`);
    expect(killed).toBeGreaterThanOrEqual(50);
  }, 900_000);
});
