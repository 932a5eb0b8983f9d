import os from 'node:os';

/**
 * Catalogs smaller than this are read in one thread: starting workers, and warming up each one's
 * compiler, would cost more than they save. Measured on 2 cores (BENCHMARKS.md): one thread wins
 * for the Google feed up to about 35 MB of catalog, two workers win for six feeds from about 16 MB.
 */
const AUTO_MIN_BYTES = 24 * 1024 * 1024;
/** Most worker threads `--workers` accepts. */
export const MAX_WORKERS = 64;
/** Most worker threads chosen automatically. */
const AUTO_MAX_WORKERS = 8;

/** The worker threads chosen when `--workers` is not given: one per core for a local catalog of 24 MiB or more. */
export function autoWorkers(catalogBytes: number): number {
  const cores = os.availableParallelism();
  return catalogBytes >= AUTO_MIN_BYTES && cores > 1 ? Math.min(cores, AUTO_MAX_WORKERS) : 0;
}
