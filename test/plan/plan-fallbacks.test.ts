import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerBuild } from '../../src/cli/build.js';
import { registerPlan } from '../../src/cli/plan.js';
import { registerRollback } from '../../src/cli/rollback.js';
import { inProcessCli } from '../cli-in-process.js';

const PROJECT = path.resolve(__dirname, '../../fixtures/rules/project');
const cli = inProcessCli([registerBuild, registerPlan, registerRollback], new Date('2026-01-01T00:00:00Z'));
const FEED = 'google-us';
const state = (dir: string, ...p: string[]) => path.join(dir, '.shelfcast', 'feeds', FEED, ...p);
const outFile = (dir: string) => path.join(dir, 'out', `${FEED}.xml`);

/** The rules project, built once; then the catalog changes TEE-1's title and drops BAG-2. */
async function published(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-plan-'));
  await cp(PROJECT, dir, { recursive: true });
  const built = await cli(['build', '--quiet'], dir);
  expect(built.code, built.stderr).toBe(0);
  const catalog = path.join(dir, 'catalog.csv');
  const text = await readFile(catalog, 'utf8');
  await writeFile(catalog, text.replace('Organic Tee', 'Organic T-Shirt').replace(/^BAG-2,.*\n/m, ''));
  return dir;
}

async function plan(dir: string) {
  const r = await cli(['plan', '--json'], dir);
  const doc = JSON.parse(r.stdout);
  return { code: r.code, plan: doc.feeds[0], issues: doc.issues.filter((i: { code: string }) => i.code.startsWith('plan.')) };
}

const fieldLevel = {
  removed: ['BAG-2'],
  changed: [{ id: 'TEE-1', fields: [{ field: 'title', before: 'Northwind Organic Tee - Red', after: 'Northwind Organic T-Shirt - Red' }] }],
  counts: { added: 0, removed: 1, changed: 1, unchanged: 2, fields: { title: 1 } },
};

/** Replaces a file by rename, as shelfcast and most tools do (a new inode: hard links keep the old text). */
async function replace(file: string, edit: (text: string) => string): Promise<void> {
  await writeFile(`${file}.new`, edit(await readFile(file, 'utf8')));
  await rename(`${file}.new`, file);
}

describe('plan against the published files', () => {
  it('diffs field by field from the item index and the kept version, even when out/ was replaced', async () => {
    const dir = await published();
    expect(await readdir(state(dir))).toEqual(expect.arrayContaining(['item-index.ndjson', 'published.json']));
    expect(await readdir(state(dir))).not.toContain('snapshot.ndjson');
    expect(await plan(dir)).toMatchObject({ code: 0, plan: fieldLevel, issues: [] });
    await replace(outFile(dir), (t) => t.replaceAll('Canvas', 'Hemp'));
    expect(await plan(dir)).toMatchObject({ code: 0, plan: fieldLevel, issues: [] });
  });

  it('reads the output folder when the kept version is gone', async () => {
    const dir = await published();
    await rm(state(dir, 'versions'), { recursive: true });
    expect(await plan(dir)).toMatchObject({ code: 0, plan: fieldLevel, issues: [] });
  });

  it('compares ids only, with a warning, when the kept version is gone and out/ was changed', async () => {
    const dir = await published();
    await rm(state(dir, 'versions'), { recursive: true });
    // Same size, other bytes: only the hash tells.
    await replace(outFile(dir), (t) => t.replace('Northwind', 'Southwind'));
    const r = await plan(dir);
    expect(r.plan).toEqual({ feed: FEED, published: true, added: [], removed: ['BAG-2'], changed: [], counts: { added: 0, removed: 1, changed: 0, unchanged: 0, fields: {}, uncompared: 3 } });
    expect(r.issues).toEqual([
      {
        severity: 'warning',
        code: 'plan.published_files_unavailable',
        feed: FEED,
        file: path.join('out', 'google-us.xml'),
        message: expect.stringMatching(/are gone or were changed outside shelfcast \(.*: not kept \(any more\); out\/google-us\.xml: its SHA-256 differs from the published one\): field-level changes cannot be shown/),
        fix: expect.stringContaining('shelfcast build --feed google-us'),
      },
    ]);
    const text = await cli(['plan'], dir);
    expect(text.stdout).toBe('google-us: 0 added, 1 removed, 3 in both (fields not compared: the published files are gone or were changed)\n  - BAG-2\n');
    expect(text.stderr).toContain('warning plan.published_files_unavailable');
    expect((await cli(['plan', '--fail-on', 'warning'], dir)).code).toBe(1);
  });

  it('compares ids only when a hard-linked file was edited in place (the kept version changed with it), or removed', async () => {
    const dir = await published();
    const file = outFile(dir);
    await writeFile(file, (await readFile(file, 'utf8')).replace('</rss>', '</rss><!-- -->'));
    const r = await plan(dir);
    expect(r.plan.counts).toMatchObject({ removed: 1, uncompared: 3 });
    expect(r.issues[0].message).toMatch(/google-us\.xml: \d+ bytes, published \d+; out\/google-us\.xml: \d+ bytes, published \d+/);
    await rm(file);
    expect((await plan(dir)).issues[0].message).toContain('out/google-us.xml: missing');
  });

  it('reads the snapshot of a version before the item index, and rollback keeps index and snapshot apart', async () => {
    const dir = await published();
    // What an earlier version left: the records of the publish, no item index.
    await rm(state(dir, 'item-index.ndjson'));
    const record = (id: string, title: string) => JSON.stringify({ id, record: { id, title } });
    await writeFile(state(dir, 'snapshot.ndjson'), `${record('TEE-1', 'Old title')}\n${record('GONE-1', 'Gone')}\n`);
    const legacy = await plan(dir);
    expect(legacy.plan).toMatchObject({ published: true, removed: ['GONE-1'], added: ['MUG-1', 'BAG-1'], counts: { changed: 1, unchanged: 0 } });
    expect(legacy.plan.changed[0].fields[0]).toEqual({ field: 'title', before: 'Old title', after: 'Northwind Organic T-Shirt - Red' });
    // A new build writes the index and drops the snapshot; rolling back to it restores the index.
    const [first] = await readdir(state(dir, 'versions'));
    expect((await cli(['build', '--quiet', '--force'], dir)).code).toBe(0);
    expect((await readdir(state(dir))).sort()).toEqual(['item-index.ndjson', 'published.json', 'versions']);
    const back = await cli(['rollback', FEED, '--to', first!, '--quiet'], dir);
    expect(back.code, back.stderr).toBe(0);
    expect((await readdir(state(dir))).sort()).toEqual(['item-index.ndjson', 'published.json', 'versions']);
    expect(await plan(dir)).toMatchObject({ code: 0, plan: fieldLevel, issues: [] });
  });

  it('restoring a version kept before the item index brings its snapshot back and removes the index', async () => {
    const dir = await published();
    const [first] = await readdir(state(dir, 'versions'));
    const kept = path.join(state(dir, 'versions'), first!);
    await rm(path.join(kept, 'state.item-index.ndjson'));
    await writeFile(path.join(kept, 'state.snapshot.ndjson'), `${JSON.stringify({ id: 'TEE-1', record: { id: 'TEE-1', title: 'Kept title' } })}\n`);
    expect((await cli(['build', '--quiet', '--force'], dir)).code).toBe(0);
    expect((await cli(['rollback', FEED, '--to', first!, '--quiet'], dir)).code).toBe(0);
    expect((await readdir(state(dir))).sort()).toEqual(['published.json', 'snapshot.ndjson', 'versions']);
    const r = await plan(dir);
    expect(r.plan.changed[0].fields[0]).toEqual({ field: 'title', before: 'Kept title', after: 'Northwind Organic T-Shirt - Red' });
  });

  it('stops with the file and the fix when the item index is damaged', async () => {
    const dir = await published();
    const index = state(dir, 'item-index.ndjson');
    await writeFile(index, (await readFile(index, 'utf8')).replace(/\n\["TEE-1",1,\d+/, '\n["TEE-1",1,"x"'));
    const r = await cli(['plan'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${index}: line 2 is not an index entry: the item index is damaged; delete it, and the next build writes it again (plan shows every item as new until then)`);
  });
});
