import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from './process-alive.js';

/**
 * Removes the files in `dir` named `<prefix><pid>.tmp` that runs of this host left when they were
 * killed between creating such a file and renaming or removing it: nothing else would ever remove
 * them. A live run's file is its own, and so is this process's.
 */
export async function removeDeadRunFiles(dir: string, prefix: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const digits = name.slice(prefix.length, -'.tmp'.length);
    const pid = /^\d+$/.test(digits) ? Number(digits) : 0;
    if (pid > 0 && pid !== process.pid && !processAlive(pid)) await rm(path.join(dir, name), { force: true });
  }
}
