import { makeDir } from './make-dir.js';
import { readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { ShelfcastError } from '../issues/issue.js';
import { processAlive } from './process-alive.js';

/** Who holds the run lock, recorded next to it so a second run can say so. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The command holding it (`run`, `build`, `push`...). */
  command?: string;
  /** ISO time the run started. */
  startedAt: string;
}

export interface RunLockOptions {
  /** A lock not refreshed for this long (ms) belongs to a dead run and is taken over; default 30,000. */
  staleMs?: number;
  /** Called if the lock is lost during the run (its folder removed, the clock jumped); default: ignored. */
  onCompromised?: (err: Error) => void;
  /** Registers the lock's release for SIGTERM/SIGINT (CliIO.onInterrupt); default none. */
  onInterrupt?: (cleanup: () => Promise<string>) => () => void;
}

const LOCK_DIR = 'run.lock';
const HOLDER_FILE = 'run.lock.json';

async function readHolder(stateDir: string): Promise<LockHolder | undefined> {
  try {
    return JSON.parse(await readFile(path.join(stateDir, HOLDER_FILE), 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/** Records written by runs of other processes that were about to take the lock (see acquire), with their pids. */
async function attemptRecords(stateDir: string): Promise<Array<{ file: string; pid: number }>> {
  const found: Array<{ file: string; pid: number }> = [];
  for (const n of await readdir(stateDir).catch(() => [] as string[])) {
    const m = /^run\.lock\.json\.(\d+)\.\w+\.tmp$/.exec(n);
    if (m && Number(m[1]) !== process.pid) found.push({ file: path.join(stateDir, n), pid: Number(m[1]) });
  }
  return found;
}

/** The record of a run that took the lock and was killed before renaming its record into place. */
async function unrecordedHolder(stateDir: string): Promise<LockHolder | undefined> {
  const found: LockHolder[] = [];
  for (const { file } of await attemptRecords(stateDir)) {
    try {
      found.push(JSON.parse(await readFile(file, 'utf8')) as LockHolder);
    } catch {
      // Half-written: its writer died before the lock, which it never held.
    }
  }
  // A live one first: a starting run not yet told the lock is taken must not be taken over.
  return found.find((h) => h.host !== os.hostname() || processAlive(h.pid)) ?? found[0];
}

/** Records of runs on this host that died, left behind (removed once the lock is ours). */
async function removeDeadRecords(stateDir: string): Promise<void> {
  for (const { file, pid } of await attemptRecords(stateDir)) if (!processAlive(pid)) await rm(file, { force: true });
}

const describe = (h: LockHolder | undefined): string =>
  h ? `pid ${h.pid} on ${h.host}${h.command ? `, \`shelfcast ${h.command}\`` : ''} since ${h.startedAt}` : 'a run that has not recorded itself yet';

/**
 * One run at a time per project: a proper-lockfile lock on the state folder, refreshed while the
 * run lives. A lock left by a killed run is taken over at once when its holder was on this host
 * and its process is gone, otherwise once it has not been refreshed for `staleMs`.
 * Throws ShelfcastError (exit 1) naming the holder when another run has it.
 */
export async function acquireRunLock(stateDir: string, info: LockHolder, options: RunLockOptions = {}): Promise<{ release(): Promise<void> }> {
  return acquire(stateDir, info, options, false);
}

async function acquire(stateDir: string, info: LockHolder, options: RunLockOptions, tookOver: boolean): Promise<{ release(): Promise<void> }> {
  await makeDir(stateDir);
  const lockOptions = {
    lockfilePath: path.join(stateDir, LOCK_DIR),
    realpath: false,
    stale: options.staleMs ?? 30_000,
    retries: 0,
    onCompromised: options.onCompromised ?? (() => undefined),
  };
  const holderFile = path.join(stateDir, HOLDER_FILE);
  // The record is written before the lock is taken and renamed into place after: a run killed in
  // between leaves it under its pid, so the next run can tell the lock's holder is dead.
  // Named by pid (which tells whether its writer lives) and by attempt (one process may try twice).
  const tmp = `${holderFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(info)}\n`);
  let unlock: () => Promise<void>;
  try {
    unlock = await lockfile.lock(stateDir, lockOptions);
  } catch (err) {
    await rm(tmp, { force: true });
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') {
      throw new ShelfcastError(`${stateDir}: cannot take the run lock: ${(err as Error).message} (check that the state folder is writable)`, { cause: err, exitCode: 1 });
    }
    const holder = (await readHolder(stateDir)) ?? (await unrecordedHolder(stateDir));
    if (!tookOver && holder && holder.host === os.hostname() && holder.pid !== process.pid && !processAlive(holder.pid)) {
      // The holder was killed on this machine: its lock is stale now, not in `staleMs`.
      await rmdir(path.join(stateDir, LOCK_DIR)).catch(() => undefined);
      return acquire(stateDir, info, options, true);
    }
    throw new ShelfcastError(
      `another shelfcast run is in progress for this project (${describe(holder)}); wait for it to finish, or if it was killed, run again after ${Math.round(lockOptions.stale / 1000)} s (lock: ${path.join(stateDir, LOCK_DIR)})`,
      { cause: err, exitCode: 1 },
    );
  }
  await rename(tmp, holderFile);
  await removeDeadRecords(stateDir);
  let released = false;
  let offInterrupt: (() => void) | undefined;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    offInterrupt?.();
    // Unlock first: a run killed in between leaves only a record of a dead pid, which the next
    // run ignores (the lock is free). The other order left a lock without a holder, which the
    // next run must treat as live until it is stale.
    await unlock().catch(() => undefined);
    // Remove the record only while it is still ours (another run may hold the lock already).
    const now = await readHolder(stateDir);
    if (now?.pid === info.pid && now.startedAt === info.startedAt) await rm(holderFile, { force: true });
  };
  // A run stopped by a signal releases the lock before it exits: the next run need not wait.
  offInterrupt = options.onInterrupt?.(async () => (await release(), 'the run lock'));
  return { release };
}
