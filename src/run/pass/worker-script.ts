import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ResourceLimits } from 'node:worker_threads';

/**
 * A worker's heap limits. A young generation of 24 MB (V8 gives a worker 48 by default: two 16 MB
 * semi-spaces and the young large objects) keeps about 16 MB less per worker. Alternated pairs,
 * 200,000 rows, two workers (BENCHMARKS.md, tenth round): six feeds 252-255 -> 219-222 MiB for
 * 25.0/24.8/24.6 -> 21.6/22.7/26.8 CPU s, Google 223-234 -> 191-193 MiB at the same CPU; six feeds
 * of 1M rows 271 -> 237 MiB. Once the workers sent their issues as bytes, not as objects, it cost
 * no measurable CPU (before, +6 %); 12 MB took about 20 MiB less again for +12 % CPU.
 */
export const WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24 };

/**
 * The compiled worker script of the pass. Under the test runner this module is TypeScript source,
 * which a worker thread cannot load; the build's copy of the script serves then.
 */
export function workerScript(): URL {
  const script = new URL('./pass-worker.js', import.meta.url);
  if (existsSync(script)) return script;
  // src/run/pass/worker-script.ts -> dist/run/pass/pass-worker.js
  const here = fileURLToPath(import.meta.url);
  const root = here.slice(0, here.lastIndexOf(`${path.sep}src${path.sep}`));
  return pathToFileURL(path.join(root, 'dist', path.relative(path.join(root, 'src'), path.dirname(here)), 'pass-worker.js'));
}
