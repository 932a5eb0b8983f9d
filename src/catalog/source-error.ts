import { ShelfcastError } from '../issues/issue.js';

/** Display name of a catalog location: the URL without credentials or query (it may hold a token), or the path. */
export function displayName(location: string): string {
  if (/^https?:\/\//i.test(location)) {
    try {
      const u = new URL(location);
      return `${u.protocol}//${u.host}${u.pathname}`;
    } catch {
      return 'the catalog URL';
    }
  }
  return location;
}

/** A run-level failure while reading the catalog: names the file, says what to do. */
export function catalogError(location: string, problem: string, fix: string, cause?: unknown): ShelfcastError {
  return new ShelfcastError(`catalog ${displayName(location)}: ${problem}. ${fix}`, { cause, code: 'catalog.refused', file: displayName(location) });
}
