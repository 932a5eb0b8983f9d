import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedProject } from '../config/load.js';
import { ShelfcastError } from '../issues/issue.js';
import { makeDir } from './make-dir.js';
import { removeDeadRunFiles } from './dead-run-files.js';
import { outputDir, stateDir } from './state-paths.js';

const PROBE_PREFIX = '.shelfcast-write-check.';

const REASONS: Record<string, string> = {
  ENOENT: 'its parent cannot hold new folders',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a symbolic link loop',
};

/**
 * Creates the state and output folders of a project and proves each writable (a file created and
 * removed in it), before the run lock and the build: a folder that cannot be made or written is a
 * config error (exit 2) naming the key, the path and the reason, never a crash half-way through.
 * The checks left by killed runs are removed here too.
 */
export async function prepareProjectDirs(project: LoadedProject): Promise<void> {
  const shown = path.basename(project.configFile);
  for (const [key, dir] of [['state', stateDir(project)], ['output', outputDir(project)]] as const) {
    const probe = path.join(dir, `${PROBE_PREFIX}${process.pid}.tmp`);
    let step = 'create the folder';
    try {
      await makeDir(dir);
      step = 'write into the folder';
      await (await open(probe, 'wx')).close();
      await rm(probe, { force: true });
      await removeDeadRunFiles(dir, PROBE_PREFIX);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      const reason = REASONS[code] ?? (err as Error).message;
      throw new ShelfcastError(`${shown}: ${key}: cannot ${step} ${dir}: ${reason} (${code}); set ${key}: to a folder this user can write`, {
        code: 'config.path',
        file: shown,
        cause: err,
      });
    }
  }
}
