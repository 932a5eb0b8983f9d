import { spawn } from 'node:child_process';
import { watch, statSync, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { REPO } from './cli.js';

const BIN = path.join(REPO, 'bin', 'shelfcast.js');

/**
 * Where to SIGKILL a run, chosen from what the run itself does (never from a timer), so a seed
 * names the same point on every machine:
 * - `bytes`: a file named like `match` in `dir` (relative to the project) holds at least `atLeast` bytes;
 * - `event`: the `nth` filesystem event on such a file (creation, rename into place);
 * - `stderr`: the `nth` line the run writes to stderr (one per feed written, pushed...);
 * - `server`: a test server says the run got where it should (it holds an answer the run waits for).
 */
export type KillPoint =
  | { kind: 'bytes'; dir: string; match: RegExp; atLeast: number }
  | { kind: 'event'; dir: string; match: RegExp; nth: number }
  | { kind: 'stderr'; nth: number };

/** A point a test server signals; not drawn at random, so kept apart from KillPoint. */
export type ServerPoint = { kind: 'server'; reached: Promise<unknown>; what: string };

export const describePoint = (p: KillPoint | ServerPoint): string =>
  p.kind === 'server' ? p.what : p.kind === 'stderr' ? `stderr line ${p.nth}` : p.kind === 'bytes' ? `${p.dir}/${p.match.source} >= ${p.atLeast} bytes` : `${p.dir}/${p.match.source} event ${p.nth}`;

/** The shared mulberry32 PRNG, under the name this file's users know. */
export { seededRandom as seeded } from '../servers/seeded-random.js';

/**
 * Runs `shelfcast <args>` in `cwd` and SIGKILLs it at `point`; resolves 'killed', or 'finished'
 * when the run ended before reaching the point. The folders watched must exist beforehand.
 */
export function runAndKillAt(cwd: string, args: string[], point: KillPoint | ServerPoint, env: NodeJS.ProcessEnv = {}): Promise<'killed' | 'finished'> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, SOURCE_DATE_EPOCH: '1767225600', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let watcher: FSWatcher | undefined;
    let fired = false;
    const fire = () => {
      if (fired) return;
      fired = true;
      child.kill('SIGKILL');
    };
    if (point.kind === 'server') {
      child.stderr.resume();
      void point.reached.then(fire);
    } else if (point.kind === 'stderr') {
      let lines = 0;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        lines += chunk.split('\n').length - 1;
        if (lines >= point.nth) fire();
      });
    } else {
      child.stderr.resume();
      const dir = path.join(cwd, point.dir);
      let events = 0;
      watcher = watch(dir, (_event, name) => {
        if (!name || !point.match.test(name)) return;
        if (point.kind === 'event') {
          if (++events >= point.nth) fire();
          return;
        }
        try {
          if (statSync(path.join(dir, name)).size >= point.atLeast) fire();
        } catch {
          // Renamed or removed between the event and the stat: the next event decides.
        }
      });
    }
    child.once('exit', (_code, signal) => {
      watcher?.close();
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}
