import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { readCatalog, type ReadOptions } from '../../src/catalog/read-catalog.js';
import type { CatalogSource, RawRow } from '../../src/catalog/types.js';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/catalog');
export const SHARED_DATA = path.resolve(__dirname, '../../../shared/data');

/** Reads a whole catalog into an array (test inputs are small). */
export async function readAll(source: CatalogSource | string, options?: ReadOptions): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readCatalog(typeof source === 'string' ? { location: source } : source, options)) rows.push(row);
  return rows;
}

let root: string | undefined;

// Registered for every test file that imports these helpers.
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Writes a file into a fresh temporary folder (removed after the test file) and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  if (!root) {
    const created = mkdtempSync(path.join(tmpdir(), 'shelfcast-catalog-'));
    root = created;
  }
  const dir = mkdtempSync(path.join(root, 'f-'));
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

/** Splits a text into chunks of `size` characters, as a stream of decoded text would arrive. */
export async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
