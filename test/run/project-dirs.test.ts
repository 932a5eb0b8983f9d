import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load.js';
import { ShelfcastError } from '../../src/issues/issue.js';
import { makeDir } from '../../src/run/make-dir.js';
import { prepareProjectDirs } from '../../src/run/project-dirs.js';

async function project(extra: string, feed = 'channel: google\ncountry: US\n'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-dirs-'));
  await writeFile(path.join(dir, 'shelfcast.yaml'), `catalog:\n  path: catalog.csv\n${extra}`);
  await mkdir(path.join(dir, 'feeds'));
  await writeFile(path.join(dir, 'feeds', 'google.yaml'), feed);
  return path.join(dir, 'shelfcast.yaml');
}

const refusal = async (p: Promise<unknown>): Promise<ShelfcastError> => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShelfcastError);
  return e as ShelfcastError;
};

describe('a feed file: is a plain name inside the output folder', () => {
  it.each(['../../../escape.csv', '../shelfcast.yaml', '/etc/cron.d/x', 'sub/feed.xml', '..', '.hidden.xml', 'a\\b.csv'])('refuses file: %s', async (name) => {
    const e = await refusal(loadProject(await project('', `channel: google\nfile: ${JSON.stringify(name)}\n`)));
    expect(e.code).toBe('config.invalid');
    expect(e.message).toContain(`feeds/google.yaml: file: "${name}" must be a file name`);
    expect(e.line).toBe(2);
  });

  it('takes a plain name', async () => {
    expect((await loadProject(await project('', 'channel: google\nfile: feed-us.xml\n'))).feeds[0]!.fileName).toBe('feed-us.xml');
  });
});

describe('output and state folders that cannot be made or written are config errors', () => {
  // Each of these ended in an endless mkdir loop (/proc) or an internal error before.
  it.each([
    ['/proc/shelfcast-out', 'its parent cannot hold new folders (ENOENT)'],
    ['/dev/full', 'a part of the path is a file, not a folder (ENOTDIR)'],
    ['/dev/full/out', 'a part of the path is a file, not a folder (ENOTDIR)'],
    ['/sys/shelfcast-out', '(EPERM)'],
  ])('output: %s', async (dir, reason) => {
    const p = await loadProject(await project(`output: ${dir}\n`));
    const e = await refusal(prepareProjectDirs(p));
    expect(e.code).toBe('config.path');
    expect(e.message).toContain(`shelfcast.yaml: output: cannot create the folder ${dir}`);
    expect(e.message).toContain(reason);
  });

  it('output: under a file of the project, and a folder that cannot be written', async () => {
    const file = await project('output: shelfcast.yaml/out\n');
    const e = await refusal(prepareProjectDirs(await loadProject(file)));
    expect(e.message).toContain('output: cannot create the folder');
    expect(e.message).toContain('ENOTDIR');
    const sys = await refusal(prepareProjectDirs(await loadProject(await project('output: /sys\n'))));
    expect(sys.message).toMatch(/output: cannot write into the folder \/sys: .*\((EACCES|EPERM|EROFS)\)/);
  });

  it('state: is checked first, the same way', async () => {
    const e = await refusal(prepareProjectDirs(await loadProject(await project('state: /proc/shelfcast-state\noutput: /proc/x\n'))));
    expect(e.message).toContain('shelfcast.yaml: state: cannot create the folder /proc/shelfcast-state');
  });

  it('creates missing folders, leaves no probe behind', async () => {
    const file = await project('output: a/b/c\nstate: s/t\n');
    await prepareProjectDirs(await loadProject(file));
    expect(await readdir(path.join(path.dirname(file), 'a/b/c'))).toEqual([]);
    expect(await readdir(path.join(path.dirname(file), 's/t'))).toEqual([]);
  });

  it('removes the checks left by killed runs, not those of live ones', async () => {
    const file = await project('output: out\n');
    const out = path.join(path.dirname(file), 'out');
    await mkdir(out);
    // A pid above the kernel's pid_max (4,194,304 at most) belongs to no process.
    const dead = '.shelfcast-write-check.99999999.tmp';
    const live = `.shelfcast-write-check.${process.ppid}.tmp`;
    for (const name of [dead, live, 'feed.xml']) await writeFile(path.join(out, name), '');
    await prepareProjectDirs(await loadProject(file));
    expect((await readdir(out)).sort()).toEqual([live, 'feed.xml'].sort());
  });

  it('makeDir ends on ENOENT where recursive mkdir loops (/proc)', async () => {
    const e = await makeDir('/proc/a/b/c').then(() => undefined, (err: NodeJS.ErrnoException) => err);
    expect(e?.code).toBe('ENOENT');
  });
});
