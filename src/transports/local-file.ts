import { stat } from 'node:fs/promises';
import { ShelfcastError } from '../issues/issue.js';
import type { BuiltFile } from './types.js';
import { checkPublishName } from './temp-name.js';

/**
 * Checks a built file before any connection is opened: it must be a readable regular file with
 * a plain name. Returns its size, which remote destinations compare after the upload so a cut
 * transfer is never renamed into place.
 */
export async function checkBuiltFile(file: BuiltFile, where: string): Promise<number> {
  const bad = checkPublishName(file.name);
  if (bad) throw new ShelfcastError(`${where}: cannot publish "${file.name}": the name must be ${bad}`, { exitCode: 1 });
  let size: number;
  try {
    const s = await stat(file.path);
    if (!s.isFile()) throw new Error(`${file.path} is not a regular file`);
    size = s.size;
  } catch (cause) {
    throw new ShelfcastError(`${where}: cannot read the built file ${file.path} (build the feed again): ${(cause as Error).message}`, { exitCode: 1, cause });
  }
  return size;
}

/** Joins a remote folder and a file name with `/`, whatever the local platform. */
export function remoteJoin(dir: string | undefined, name: string): string {
  if (!dir || dir === '.' || dir === '') return name;
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
