import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

const isDir = (dir: string): Promise<boolean> => stat(dir).then((s) => s.isDirectory(), () => false);

/**
 * `mkdir -p` that ends on every errno. Node's `mkdir(dir, { recursive: true })` loops forever,
 * at full CPU, where mkdir answers ENOENT under a parent that exists (`/proc/out`: /proc holds no
 * new folders): it creates the parent (EEXIST) and tries again. Here each level is tried once,
 * parents first, and the error of the level that failed is thrown.
 */
export async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  // Up to the first level that exists: at most one step per path component.
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      await stat(at);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(at);
      if (path.dirname(at) === at) break;
    }
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (err) {
      // Another run (or a parallel writer of this run) made it in between.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !(await isDir(level))) throw err;
    }
  }
  if (!(await isDir(dir))) throw Object.assign(new Error(`ENOTDIR: not a folder, mkdir '${dir}'`), { code: 'ENOTDIR', path: dir });
}
