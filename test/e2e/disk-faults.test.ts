import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, type CliResult } from './cli.js';
import { catalogText } from './delivery-project.js';

const BIN = path.join(REPO, 'bin', 'shelfcast.js');

/**
 * Real faults need a real filesystem: a small tmpfs gives ENOSPC and a read-only remount gives
 * EROFS (as root, permission bits stop nothing). Mounting needs CAP_SYS_ADMIN, which CI as root
 * has and an unprivileged container may not: then those cases are skipped, and the file-size
 * limit case (ulimit -f, no privilege needed) still runs.
 */
function canMount(): boolean {
  const probe = spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d" && rmdir "$d"'], { stdio: 'ignore' });
  return probe.status === 0;
}
const MOUNT = process.platform === 'linux' && canMount();
const mount = (args: string[]) => expect(spawnSync('mount', args, { encoding: 'utf8' }).status).toBe(0);

/** A project whose output (and publish folder) live in `mnt/`, with a Google XML and a Meta CSV feed. */
async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-disk-'));
  await mkdir(path.join(dir, 'feeds'));
  await mkdir(path.join(dir, 'mnt'));
  await writeFile(path.join(dir, 'shelfcast.yaml'), 'name: Disk\ncatalog:\n  path: catalog.csv\n  preset: google\n  currency: USD\nfeeds: feeds\noutput: mnt/out\nstate: .shelfcast\n');
  await writeFile(path.join(dir, 'feeds', 'google.yaml'), 'channel: google\nformat: xml\ncountry: US\nlanguage: en\ncurrency: USD\n');
  await writeFile(path.join(dir, 'feeds', 'meta.yaml'), 'channel: meta\nformat: csv\ncountry: US\nlanguage: en\ncurrency: USD\n');
  return dir;
}

async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of await readdir(dir)) files.set(name, await readFile(path.join(dir, name)));
  return files;
}

/**
 * Runs the CLI under a file-size limit of `kib` KiB, so a big write fails with EFBIG. Node resets
 * inherited signal dispositions at start-up, so SIGXFSZ (which would kill it) is handled by a
 * preloaded no-op listener, as a supervisor that ignores it would have it.
 */
async function runLimited(args: string[], cwd: string, kib: number): Promise<CliResult> {
  const preload = path.join(cwd, 'ignore-sigxfsz.cjs');
  await writeFile(preload, "process.on('SIGXFSZ', () => {});\n");
  return new Promise((resolve) => {
    const script = `ulimit -f ${kib} && exec "$0" "$@"`;
    execFile('sh', ['-c', script, process.execPath, '--require', preload, BIN, ...args], { cwd, env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1767225600' } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 2) : 0, stdout, stderr }),
    );
  });
}

describe('disk faults leave the previous feed in place with a clear error', () => {
  let dir: string;
  let small: string;
  let big: string;
  beforeAll(async () => {
    small = await catalogText(20, 0);
    big = await catalogText(4000, 1);
  });
  afterAll(async () => {
    if (dir) {
      spawnSync('umount', [path.join(dir, 'mnt')]);
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!MOUNT)('disk full (ENOSPC on a 256 KiB tmpfs): exit 1, "the disk is full", old files byte-identical, no temp files', async () => {
    dir = await project();
    mount(['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', path.join(dir, 'mnt')]);
    await writeFile(path.join(dir, 'catalog.csv'), small);
    const first = await runCli(['build'], dir);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(path.join(dir, 'mnt', 'out'));
    await writeFile(path.join(dir, 'catalog.csv'), big);
    const r = await runCli(['build'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mnt\/out\/(google\.xml|meta\.csv): cannot write the file: the disk is full \(free some space and run again\); the previous file is unchanged/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshot(path.join(dir, 'mnt', 'out'))).toEqual(before);
    // Once there is room again, the same build goes through.
    mount(['-o', 'remount,size=16m', path.join(dir, 'mnt')]);
    const again = await runCli(['build'], dir);
    expect(again.code, again.stderr).toBe(0);
    spawnSync('umount', [path.join(dir, 'mnt')]);
  });

  it.skipIf(!MOUNT)('read-only destination (EROFS): exit 1, a clear error naming the folder, published files unchanged', async () => {
    dir = await project();
    // Build into a writable out/, publish with the file destination into the mount.
    await writeFile(path.join(dir, 'shelfcast.yaml'), 'name: Disk\ncatalog:\n  path: catalog.csv\n  preset: google\n  currency: USD\nfeeds: feeds\noutput: out\nstate: .shelfcast\n');
    for (const id of ['google', 'meta']) {
      const text = await readFile(path.join(dir, 'feeds', `${id}.yaml`), 'utf8');
      await writeFile(path.join(dir, 'feeds', `${id}.yaml`), `${text}destination:\n  type: file\n  dir: mnt/published\n`);
    }
    mount(['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', path.join(dir, 'mnt')]);
    await writeFile(path.join(dir, 'catalog.csv'), small);
    const first = await runCli(['run'], dir);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(path.join(dir, 'mnt', 'published'));
    mount(['-o', 'remount,ro', path.join(dir, 'mnt')]);
    await writeFile(path.join(dir, 'catalog.csv'), await catalogText(30, 3));
    const r = await runCli(['run'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('mnt/published');
    expect(r.stderr).toMatch(/cannot publish (google\.xml|meta\.csv) \(the previous file is unchanged\)/);
    expect(r.stderr).toMatch(/read-only|EROFS/i);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshot(path.join(dir, 'mnt', 'published'))).toEqual(before);
    spawnSync('umount', [path.join(dir, 'mnt')]);
  });

  it('file-size limit (EFBIG under ulimit -f): exit 1, the file named, old files byte-identical, no temp files', async () => {
    dir = await project();
    await writeFile(path.join(dir, 'catalog.csv'), small);
    const first = await runCli(['build'], dir);
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(path.join(dir, 'mnt', 'out'));
    await writeFile(path.join(dir, 'catalog.csv'), big);
    // 1 MiB: more than the small feeds and the state files, less than the big feeds.
    const r = await runLimited(['build'], dir, 1024);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/mnt\/out\/(google\.xml|meta\.csv): cannot write the file: .*the previous file is unchanged/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(await snapshot(path.join(dir, 'mnt', 'out'))).toEqual(before);
  });
});
