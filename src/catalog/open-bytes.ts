import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ShelfcastError } from '../issues/issue.js';
import type { ReadOptions } from './read-options.js';
import { isGzipped } from './detect-format.js';
import { openUrl } from './http-source.js';
import { codingOf, DEFAULT_LIMITS, inflateLimited, type Coding } from './inflate-limited.js';
import { catalogError } from './source-error.js';
import type { CatalogSource } from './types.js';

const CHUNK = 256 * 1024;

async function openFile(location: string): Promise<Readable> {
  await checkCatalogFile(location);
  return createReadStream(location, { highWaterMark: CHUNK });
}

/** Fails the run, naming the fix, when a local catalog path is not a readable file. */
export async function checkCatalogFile(location: string): Promise<void> {
  try {
    const s = await stat(location);
    if (s.isDirectory()) {
      throw catalogError(location, 'is a folder, not a file', 'Point catalog.path (or --catalog) at the catalog file.');
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'ShelfcastError') throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw catalogError(location, problem, 'Check catalog.path in shelfcast.yaml (or --catalog) and the file permissions.', error);
  }
}

/**
 * The raw bytes of a catalog (local path or URL): an HTTP Content-Encoding and a `.gz` name
 * unwrapped, under the source's decompression limits.
 */
export async function* openBytes(source: Pick<CatalogSource, 'location' | 'decompression'>, options: ReadOptions = {}): AsyncGenerator<Buffer> {
  const { location } = source;
  const isUrl = /^https?:\/\//i.test(location);
  let stream: Readable;
  const codings: Coding[] = [];
  if (isUrl) {
    const opened = await openUrl(location, options);
    stream = opened.body;
    try {
      codings.push(...codingOf(opened.encoding, location));
    } catch (error) {
      stream.destroy();
      throw error;
    }
  } else stream = await openFile(location);
  if (isGzipped(location)) codings.push('gzip');
  stream = inflateLimited(stream, codings, source.decompression ?? DEFAULT_LIMITS, location);
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof ShelfcastError) throw error;
    const gz = (error as NodeJS.ErrnoException).code?.startsWith('Z_');
    throw catalogError(
      location,
      gz ? `is not valid ${codings.join(' inside ')} data` : `reading failed: ${(error as Error).message}`,
      gz ? (isGzipped(location) ? 'Check that the file is gzip-compressed, or remove the .gz extension.' : 'Check the server: its Content-Encoding does not match the body.') : 'Check the file or the network and run again.',
      error,
    );
  } finally {
    stream.destroy();
  }
}
