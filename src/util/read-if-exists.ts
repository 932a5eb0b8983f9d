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

/**
 * A JSON state file that may not exist yet, parsed: a damaged one (a disk that filled up, a hand
 * edit) is an error naming the file, what it holds and `fix`, not a stack trace from JSON.parse.
 */
export async function readJsonIfExists<T>(file: string, what: string, fix: string): Promise<T | undefined> {
  const text = await readTextIfExists(file, what);
  return text === undefined ? undefined : parseStateJson<T>(file, text, what, fix);
}

/** The text of a JSON state file, parsed, or an error naming the file, what it holds and `fix`. */
export function parseStateJson<T>(file: string, text: string, what: string, fix: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new ShelfcastError(`${file}: ${what} is not valid JSON (${(err as Error).message}); ${fix}`, { cause: err });
  }
}
