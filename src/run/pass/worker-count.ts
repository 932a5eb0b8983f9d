import { machineLoad } from './machine-load.js';

/**
 * Catalogs smaller than this are read in one thread: starting workers, and warming up each one's
 * compiler, would cost more than they save. Measured on 2 cores (BENCHMARKS.md): one thread wins
 * for the Google feed up to about 35 MB of catalog, two workers win for six feeds from about 16 MB.
 */
const AUTO_MIN_BYTES = 24 * 1024 * 1024;
/** Most worker threads `--workers` accepts. */
export const MAX_WORKERS = 64;
/** Most threads processing units chosen automatically: the workers and the main thread. */
const AUTO_MAX_THREADS = 8;
/**
 * Workers are chosen only when the machine has at least this many cores to spare (cores minus what
 * other work keeps busy, measured as the process starts: machine-load). On a machine busy with other work a pass of worker threads waits for
 * the slowest one in catalog order: on 2 cores at load 12-16, two workers took 1.9x the wall time
 * of one thread and 1.3x its CPU (BENCHMARKS.md, fifth round).
 */
const AUTO_MIN_SPARE = 1;

/**
 * The worker threads chosen when `--workers` is not given: for a local catalog of 24 MiB or more
 * on a machine with a core to spare, one thread per spare core (at least 2, at most one per core
 * and 8), of which the main thread is one: with fewer workers than cores it processes units too
 * (runPass). Otherwise none. On 2 cores one worker and the main thread took 12 % less CPU and
 * 30 MiB less than two workers for six feeds, in the same wall time (BENCHMARKS.md, tenth round).
 */
export function autoWorkers(catalogBytes: number, { cores, spare }: { cores: number; spare: number }): number {
  if (catalogBytes < AUTO_MIN_BYTES || cores < 2 || spare < AUTO_MIN_SPARE) return 0;
  return Math.min(cores, AUTO_MAX_THREADS, Math.max(2, Math.round(spare))) - 1;
}

/** autoWorkers on this machine as it is now; the machine is sampled only for a catalog large enough. */
export async function autoWorkersNow(catalogBytes: number): Promise<number> {
  if (catalogBytes < AUTO_MIN_BYTES) return 0;
  return autoWorkers(catalogBytes, await machineLoad());
}
