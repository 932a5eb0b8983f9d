import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keepVersion, listVersions, versionsDir } from '../../src/run/versions.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('keepVersion', () => {
  it('removes the temporary version folders of killed runs, and nothing else', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-versions-'));
    dirs.push(state);
    const root = versionsDir(state, 'google');
    // What a run killed between making its temporary folder and renaming it leaves behind.
    const dead = path.join(root, '.20260101T000000Z-aaaaaa.0badf00d.tmp');
    await mkdir(dead, { recursive: true });
    await writeFile(path.join(dead, 'google.xml'), '<rss/>');
    await writeFile(path.join(root, '.notes'), 'not a version folder');
    const feed = path.join(state, 'google.xml');
    await writeFile(feed, '<rss>new</rss>');
    await keepVersion(state, 'google', { runId: '20260102T000000Z-bbbbbb', at: '2026-01-02T00:00:00.000Z', items: 1, files: [{ name: 'google.xml', bytes: 14, sha256: 'x' }] }, [feed]);
    expect((await readdir(root)).sort()).toEqual(['.notes', '20260102T000000Z-bbbbbb']);
    expect((await listVersions(state, 'google')).map((v) => v.runId)).toEqual(['20260102T000000Z-bbbbbb']);
  });
});
