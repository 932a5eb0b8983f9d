import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUploadServer, type UploadServer } from '../transports/http-upload-server.js';
import { twoFeedProject } from '../schedule/project.js';
import { runCli } from './cli.js';

let server: UploadServer;
beforeAll(async () => {
  server = await startUploadServer();
});
afterAll(async () => {
  await server.stop();
});

async function retitle(dir: string, from: string, to: string): Promise<void> {
  const file = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
  await writeFile(file, (await readFile(file, 'utf8')).replaceAll(from, to));
}

const read = (dir: string, ...p: string[]) => readFile(path.join(dir, ...p), 'utf8');

describe('shelfcast rollback', () => {
  it('republishes an earlier version through the atomic commit and the destination push', async () => {
    const dir = await twoFeedProject({ google: `destination:\n  type: http\n  url: ${server.url}in/`, meta: 'destination:\n  type: file\n  dir: published' });
    const r1 = await runCli(['run', '--json'], dir);
    expect(r1.code).toBe(0);
    const run1 = JSON.parse(r1.stdout).runId as string;
    const v1 = { google: await read(dir, 'out', 'google.xml'), meta: await read(dir, 'out', 'meta.csv') };
    expect(server.files.get('in/google.xml')?.toString('utf8')).toBe(v1.google);

    await retitle(dir, 'Organic Cotton T-Shirt', 'Organic Cotton Tee');
    const r2 = await runCli(['run', '--json'], dir);
    expect(r2.code).toBe(0);
    const run2 = JSON.parse(r2.stdout).runId as string;
    const v2google = await read(dir, 'out', 'google.xml');
    expect(v2google).not.toBe(v1.google);
    expect(server.files.get('in/google.xml')?.toString('utf8')).toBe(v2google);

    const back = await runCli(['rollback', 'google', '--json'], dir);
    expect(back.stderr).toBe('');
    expect(back.code).toBe(0);
    const record = JSON.parse(back.stdout);
    expect(record).toMatchObject({ command: 'rollback', restored: run1, ok: true });
    expect(record.feeds[0]).toMatchObject({ id: 'google', status: 'published', pushed: 1, failed: 0, destination: `${server.url}in/` });
    // The local file, the remote copy and the state snapshot are all the first version again.
    expect(await read(dir, 'out', 'google.xml')).toBe(v1.google);
    expect(server.files.get('in/google.xml')?.toString('utf8')).toBe(v1.google);
    expect(JSON.parse(await read(dir, '.shelfcast', 'feeds', 'google', 'published.json')).runId).toBe(run1);
    expect((await readdir(path.join(dir, 'out'))).filter((f) => f.startsWith('.'))).toEqual([]);
    // meta was not touched.
    expect(await read(dir, 'published', 'meta.csv')).not.toBe(v1.meta);

    const history = JSON.parse((await runCli(['history', '--feed', 'google', '--json'], dir)).stdout);
    expect(history.runs.map((r: { command: string }) => r.command)).toEqual(['rollback', 'run', 'run']);

    // And forward again to a named run, through the file destination for meta.
    const fwd = await runCli(['rollback', 'google', '--to', run2], dir);
    expect(fwd.code).toBe(0);
    expect(fwd.stderr).toMatch(new RegExp(`google: rolled back to run ${run2}: 1 file\\(s\\) replaced and sent to`));
    expect(await read(dir, 'out', 'google.xml')).toBe(v2google);
    const metaBack = await runCli(['rollback', 'meta', '--quiet'], dir);
    expect(metaBack.code).toBe(0);
    expect(await read(dir, 'published', 'meta.csv')).toBe(v1.meta);
    expect(await read(dir, 'out', 'meta.csv')).toBe(v1.meta);
  });

  it('keeps the last keep_versions versions and names the kept runs when asked for another', async () => {
    const dir = await twoFeedProject({ google: 'keep_versions: 2' });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await runCli(['build', '--json'], dir);
      expect(r.code).toBe(0);
      ids.push(JSON.parse(r.stdout).runId);
    }
    const kept = (await readdir(path.join(dir, '.shelfcast', 'feeds', 'google', 'versions'))).sort();
    expect(kept).toEqual(ids.slice(2).sort());
    expect((await readdir(path.join(dir, '.shelfcast', 'feeds', 'meta', 'versions'))).sort()).toEqual([...ids].sort());
    const bad = await runCli(['rollback', 'google', '--to', ids[0]!], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`feed "google" has no kept version of run "${ids[0]}" (kept: ${ids[3]}, ${ids[2]};`);
    const unknown = await runCli(['rollback', 'nope'], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no feed "nope"/);
  });

  it('says so when there is no earlier version', async () => {
    const dir = await twoFeedProject();
    expect((await runCli(['run', '--quiet'], dir)).code).toBe(0);
    const r = await runCli(['rollback', 'google'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/feed "google" has no earlier published version to go back to/);
  });
});
