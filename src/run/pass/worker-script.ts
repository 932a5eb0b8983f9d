import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
