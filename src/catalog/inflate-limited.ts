import { pipeline, Transform, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { catalogError } from './source-error.js';

/** One layer of compression around catalog bytes: a `.gz` name, or an HTTP Content-Encoding. */
export type Coding = 'gzip' | 'deflate' | 'br';

/** How far a compressed catalog may expand (catalog.max_uncompressed_mb, catalog.max_compression_ratio). */
export interface DecompressionLimits {
  /** Largest uncompressed size in bytes. */
  maxBytes: number;
  /** Largest uncompressed size per compressed byte. */
  maxRatio: number;
}

/**
 * Defaults: product exports with real descriptions compress 4 to 15 times, so 100 is far above a
 * catalog and far below a bomb (deflate reaches about 1,000 and nests); 4 GiB is several times the
 * largest catalog we benchmark.
 */
export const DEFAULT_MAX_UNCOMPRESSED_MB = 4096;
export const DEFAULT_MAX_COMPRESSION_RATIO = 100;
export const DEFAULT_LIMITS: DecompressionLimits = { maxBytes: DEFAULT_MAX_UNCOMPRESSED_MB * 1024 * 1024, maxRatio: DEFAULT_MAX_COMPRESSION_RATIO };

/** The ratio is judged only past this output: a small file of repeated rows may expand far, and costs nothing. */
const RATIO_FLOOR = 16 * 1024 * 1024;

const CHUNK = 256 * 1024;

/** The Content-Encoding names of HTTP that shelfcast reads; `identity` (or none) is no layer. */
export function codingOf(contentEncoding: string | undefined, location: string): Coding[] {
  const names = (contentEncoding ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s && s !== 'identity');
  return names.map((n) => {
    if (n === 'gzip' || n === 'x-gzip') return 'gzip';
    if (n === 'deflate') return 'deflate';
    if (n === 'br') return 'br';
    throw catalogError(location, `is served with Content-Encoding "${n.slice(0, 40)}", which shelfcast cannot read`, 'Serve the catalog uncompressed, or with gzip, deflate or br.');
  });
}

function decompressor(coding: Coding): Transform {
  if (coding === 'br') return createBrotliDecompress({ chunkSize: CHUNK });
  return coding === 'gzip' ? createGunzip({ chunkSize: CHUNK }) : createInflate({ chunkSize: CHUNK });
}

const mib = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${Math.round(bytes / (1024 * 1024))} MiB`);

/**
 * Unwraps `codings` (outermost first) and fails the read, naming the limit and the key that
 * raises it, as soon as the output passes the size limit or expands more than the ratio allows
 * over the compressed bytes read so far. Nothing beyond the limit is decompressed.
 */
export function inflateLimited(source: Readable, codings: readonly Coding[], limits: DecompressionLimits, location: string): Readable {
  if (codings.length === 0) return source;
  let compressed = 0;
  let expanded = 0;
  const countIn = new Transform({
    transform(chunk: Buffer, _enc, done) {
      compressed += chunk.length;
      done(null, chunk);
    },
  });
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      expanded += chunk.length;
      if (expanded > limits.maxBytes) {
        done(catalogError(location, `expands to more than ${mib(limits.maxBytes)} when decompressed`, 'Raise catalog.max_uncompressed_mb in shelfcast.yaml if the catalog is really that large.'));
        return;
      }
      if (expanded > RATIO_FLOOR && expanded > compressed * limits.maxRatio) {
        done(catalogError(location, `expands more than ${limits.maxRatio} times (${mib(expanded)} from ${mib(compressed)} so far): not a catalog but a decompression bomb, or a catalog of repeated rows`, 'Check the file; raise catalog.max_compression_ratio in shelfcast.yaml if it is right.'));
        return;
      }
      done(null, chunk);
    },
  });
  return pipeline([source, countIn, ...codings.map(decompressor), check], () => {}) as unknown as Readable;
}
