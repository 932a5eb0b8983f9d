import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireRunLock } from '../../src/run/lock.js';

describe('acquireRunLock', () => {
  let state: string;
  const info = (pid = process.pid) => ({ pid, host: os.hostname(), command: 'run', startedAt: '2026-01-01T00:00:00.000Z' });
  beforeEach(async () => {
    state = path.join(await mkdtemp(path.join(os.tmpdir(), 'shelfcast-lock-')), '.shelfcast');
  });
  afterEach(async () => rm(path.dirname(state), { recursive: true, force: true }));

  it('lets exactly one of two concurrent runs proceed, and the other names the holder', async () => {
    const results = await Promise.allSettled([acquireRunLock(state, info()), acquireRunLock(state, info())]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ name: 'ShelfcastError', exitCode: 1 });
    expect(String(lost[0]!.reason.message)).toMatch(/another shelfcast run is in progress/);
    await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  });

  it('says who holds the lock', async () => {
    const held = await acquireRunLock(state, info());
    await expect(acquireRunLock(state, info())).rejects.toThrow(`pid ${process.pid} on ${os.hostname()}, \`shelfcast run\` since 2026-01-01T00:00:00.000Z`);
    await held.release();
    const again = await acquireRunLock(state, info());
    await again.release();
  });

  it('takes over at once the lock of a killed run on this host', async () => {
    // A real process that has exited: its pid is free, its lock and record stay behind.
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.once('exit', r));
    await mkdir(path.join(state, 'run.lock'), { recursive: true });
    await writeFile(path.join(state, 'run.lock.json'), JSON.stringify(info(pid)));
    const lock = await acquireRunLock(state, info());
    await lock.release();
  });

  it('takes over at once the lock of a run killed before it renamed its record into place', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    const pid = child.pid!;
    await new Promise((r) => child.once('exit', r));
    await mkdir(path.join(state, 'run.lock'), { recursive: true });
    await writeFile(path.join(state, `run.lock.json.${pid}.0a1b2c3d.tmp`), JSON.stringify(info(pid)));
    const lock = await acquireRunLock(state, info());
    // The dead run's record is gone; the lock and record are this run's.
    expect((await readdir(state)).sort()).toEqual(['run.lock', 'run.lock.json']);
    await lock.release();
  });

  it('takes over a lock not refreshed for longer than staleMs (holder on another host)', async () => {
    await mkdir(path.join(state, 'run.lock'), { recursive: true });
    await writeFile(path.join(state, 'run.lock.json'), JSON.stringify({ ...info(1), host: 'elsewhere' }));
    await expect(acquireRunLock(state, info())).rejects.toThrow(/pid 1 on elsewhere/);
    const old = new Date(Date.now() - 120_000);
    await utimes(path.join(state, 'run.lock'), old, old);
    const lock = await acquireRunLock(state, info(), { staleMs: 60_000 });
    await lock.release();
  });
});
