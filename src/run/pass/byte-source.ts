import { open, type FileHandle } from 'node:fs/promises';
import { isGzipped } from '../../catalog/detect-format.js';
import { checkCatalogFile, openBytes } from '../../catalog/open-bytes.js';
import type { ReadOptions } from '../../catalog/read-options.js';
import type { CatalogSource } from '../../catalog/types.js';
import { catalogError } from '../../catalog/source-error.js';

/**
 * Catalog bytes read into the caller's buffer. A local file is read straight into it (no chunk
 * allocated per read: at a gigabyte a run, those pile up faster than the main thread, which
 * allocates little else, collects them); gzip and URLs come as a stream, copied in.
 */
export interface ByteSource {
  /** Reads into `into` from `at`; resolves to the bytes read, 0 at the end. */
  read(into: Uint8Array, at: number): Promise<number>;
  close(): Promise<void>;
}

export async function openByteSource(source: Pick<CatalogSource, 'location' | 'decompression'>, options: ReadOptions = {}): Promise<ByteSource> {
  const { location } = source;
  if (/^https?:\/\//i.test(location) || isGzipped(location)) return streamSource(openBytes(source, options));
  await checkCatalogFile(location);
  let handle: FileHandle;
  try {
    handle = await open(location, 'r');
  } catch (cause) {
    throw catalogError(location, 'cannot be read', 'Check catalog.path in shelfcast.yaml (or --catalog) and the file permissions.', cause);
  }
  return {
    async read(into, at) {
      try {
        const { bytesRead } = await handle.read(into, at, into.length - at, null);
        return bytesRead;
      } catch (cause) {
        throw catalogError(location, `reading failed: ${(cause as Error).message}`, 'Check the file and run again.', cause);
      }
    },
    close: () => handle.close(),
  };
}

function streamSource(chunks: AsyncGenerator<Buffer>): ByteSource {
  let chunk: Buffer | undefined;
  let pos = 0;
  return {
    async read(into, at) {
      while (!chunk || pos >= chunk.length) {
        const next = await chunks.next();
        if (next.done) return 0;
        chunk = next.value;
        pos = 0;
      }
      const n = Math.min(chunk.length - pos, into.length - at);
      into.set(chunk.subarray(pos, pos + n), at);
      pos += n;
      return n;
    },
    close: async () => {
      await chunks.return(undefined);
    },
  };
}
