import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';

/**
 * Worker threads started before the CLI loads its modules. A worker spends a few hundred
 * milliseconds loading the same modules as the main thread; started when the pass begins, the
 * cores wait for it, started first, it loads while the main thread does. The pool adopts them
 * (WorkerPool); those it does not need are stopped.
 *
 * Starting them is a guess from the arguments alone, before commander and the config schema are
 * loaded: a wrong guess costs a worker's start-up, never a result, because the pass still decides
 * how many workers it runs and starts or stops the difference.
 */

/** Commands that read the whole catalog in one pass. */
const PASS_COMMANDS = new Set(['build', 'run', 'validate']);

interface EarlyWorker {
  worker: Worker;
  alive: boolean;
}

const early: EarlyWorker[] = [];
let starting: Promise<number> = Promise.resolve(0);

export { markProcessStart } from './machine-load.js';

/**
 * Starts the workers a pass of this command line will most likely use; resolves with how many.
 * The CLI need not wait: the pass awaits earlyWorkersStarted before its pool adopts them.
 */
export function startEarlyWorkers(argv: readonly string[], cwd: string): Promise<number> {
  // Never rejects: a worker that cannot start is the pass's to report when it starts its own.
  starting = startWorkers(argv, cwd).catch(() => 0);
  return starting;
}

/** Settles once startEarlyWorkers has started its workers (at once when it was not called). */
export function earlyWorkersStarted(): Promise<number> {
  return starting;
}

async function startWorkers(argv: readonly string[], cwd: string): Promise<number> {
  let count = 0;
  try {
    count = await expectedWorkers(argv, cwd);
  } catch {
    // Unreadable config or catalog: the command will say so itself.
    return 0;
  }
  if (count === 0) return 0;
  // Loaded only for a pass: every other command (`--version`, `channels`) starts faster without.
  const [{ Worker }, { workerScript, WORKER_LIMITS }] = await Promise.all([import('node:worker_threads'), import('./worker-script.js')]);
  const script = workerScript();
  for (let i = 0; i < count; i++) {
    const worker = new Worker(script, { resourceLimits: WORKER_LIMITS });
    const slot: EarlyWorker = { worker, alive: true };
    // Until adopted it must neither keep the process alive nor fail it.
    worker.unref();
    worker.on('error', () => (slot.alive = false));
    worker.on('exit', () => (slot.alive = false));
    early.push(slot);
  }
  return count;
}

/** A started worker waiting for its setup message, if any is left. */
export function takeEarlyWorker(): Worker | undefined {
  for (let slot = early.shift(); slot; slot = early.shift()) {
    if (!slot.alive) continue;
    slot.worker.removeAllListeners('error');
    slot.worker.removeAllListeners('exit');
    slot.worker.ref();
    return slot.worker;
  }
  return undefined;
}

/** Stops the workers no pass adopted (the catalog turned out small, or fewer were asked for). */
export function stopEarlyWorkers(): void {
  for (const slot of early.splice(0)) void slot.worker.terminate();
}

/** What the pass will choose (see chooseWorkers): `--workers`, or one per spare core for a large local catalog. */
async function expectedWorkers(argv: readonly string[], cwd: string): Promise<number> {
  if (!PASS_COMMANDS.has(argv[0] ?? '')) return 0;
  const { autoWorkersNow, MAX_WORKERS } = await import('./worker-count.js');
  const workers = optionValue(argv, ['--workers']);
  // What --workers accepts (see withWorkersOption); anything else is an error the CLI reports.
  if (workers !== undefined) return /^\d+$/.test(workers) && Number(workers) <= MAX_WORKERS ? Number(workers) : 0;
  let catalog = optionValue(argv, ['--catalog']);
  if (catalog === undefined) {
    const config = path.resolve(cwd, optionValue(argv, ['-c', '--config']) ?? 'shelfcast.yaml');
    // The parser the config loader uses (loaded once, for both); the schema is checked later.
    const { parse } = await import('yaml');
    const configured = (parse(await readFile(config, 'utf8'), { logLevel: 'silent' }) as { catalog?: { path?: unknown } } | null)?.catalog?.path;
    if (typeof configured !== 'string' || /^https?:\/\//i.test(configured)) return 0;
    catalog = path.resolve(path.dirname(config), configured);
  } else if (/^https?:\/\//i.test(catalog)) return 0;
  else catalog = path.resolve(cwd, catalog);
  return autoWorkersNow((await stat(catalog)).size);
}

/** `--name value` or `--name=value`. */
function optionValue(argv: readonly string[], names: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    for (const name of names) {
      if (arg === name) value = argv[i + 1];
      else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
    }
  }
  return value;
}
