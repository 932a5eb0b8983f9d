import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { IndexedFiles } from '../run/item-index.js';
import { versionsDir } from '../run/versions.js';
import type { PartFile } from './part-reader.js';

/** A place that holds the files of the last publish: their paths, with the published size and hash. */
export interface PublishedCopy {
  files: PartFile[];
}

/** Why a place does not hold the published files: the first file (or folder) that differs. */
export interface CopyProblem {
  file: string;
  why: string;
}

/**
 * Where plan can read the published items, best first: the kept version of the publish (hard
 * links of what was published: a later publish replaces the output files by rename, never in
 * place), then the output folder. A place is left out when a file is missing or has another size;
 * `problems` says why (hashes are checked while the items are read).
 */
export async function findPublishedCopies(stateDir: string, outDir: string, feedId: string, indexed: IndexedFiles): Promise<{ copies: PublishedCopy[]; problems: CopyProblem[] }> {
  const places = [
    { dir: path.join(versionsDir(stateDir, feedId), indexed.runId), gone: 'not kept (any more)' },
    { dir: outDir, gone: 'no such folder' },
  ];
  const copies: PublishedCopy[] = [];
  const problems: CopyProblem[] = [];
  for (const { dir, gone } of places) {
    const files = indexed.files.map((f) => ({ path: path.join(dir, f.name), bytes: f.bytes, sha256: f.sha256 }));
    const problem = (await isDir(dir)) ? await firstProblem(files) : { file: dir, why: gone };
    if (problem) problems.push(problem);
    else copies.push({ files });
  }
  return { copies, problems };
}

const isDir = (dir: string): Promise<boolean> =>
  stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );

async function firstProblem(files: readonly PartFile[]): Promise<CopyProblem | undefined> {
  for (const f of files) {
    try {
      const size = (await stat(f.path)).size;
      if (size !== f.bytes) return { file: f.path, why: `${size} bytes, published ${f.bytes}` };
    } catch (err) {
      return { file: f.path, why: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (err as Error).message };
    }
  }
  return undefined;
}
