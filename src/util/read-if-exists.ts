import { readFile } from 'node:fs/promises';
import { ShelfcastError } from '../issues/issue.js';

/**
 * The text of a state file that may not exist yet: undefined when it is missing, any other read
 * failure an error naming the file and what it holds (`what`, e.g. "the shard manifest").
 */
export async function readTextIfExists(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ShelfcastError(`${file}: cannot read ${what}: ${(err as Error).message}`, { cause: err });
  }
}
