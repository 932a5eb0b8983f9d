import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ReadOptions } from './read-options.js';
import { isGzipped } from './detect-format.js';
import { openUrl } from './http-source.js';
import { catalogError } from './source-error.js';

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

/** The raw bytes of a catalog (local path or URL), gunzipped when the name ends in `.gz`. */
export async function* openBytes(location: string, options: ReadOptions = {}): AsyncGenerator<Buffer> {
  const isUrl = /^https?:\/\//i.test(location);
  let stream: Readable = isUrl ? await openUrl(location, options) : await openFile(location);
  if (isGzipped(location)) stream = pipeline(stream, createGunzip({ chunkSize: CHUNK }), () => {});
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const gz = (error as NodeJS.ErrnoException).code?.startsWith('Z_');
    throw catalogError(
      location,
      gz ? 'is not a valid gzip file' : `reading failed: ${(error as Error).message}`,
      gz ? 'Check that the file is gzip-compressed, or remove the .gz extension.' : 'Check the file or the network and run again.',
      error,
    );
  } finally {
    stream.destroy();
  }
}
