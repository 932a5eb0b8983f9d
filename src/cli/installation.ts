import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** bin/shelfcast.js of the running copy (this file is two folders below the package root, in src/ and dist/bundle/ alike). */
export const RUNNING_SCRIPT = fileURLToPath(new URL('../../bin/shelfcast.js', import.meta.url));

/** How a project reaches shelfcast, for the commands init and `schedule --print` write. */
export interface ProjectInstall {
  /** package.json of the project lists shelfcast (dependencies or devDependencies). */
  listed: boolean;
  /** The project has its own copy: `<root>/node_modules/.bin/shelfcast`. */
  local: boolean;
  /** What starts shelfcast, absolute: the project's copy, else the one running now (global, or a checkout). */
  bin: string;
  /**
   * PATH for schedulers, which start with a short one: the folder of the node running now first,
   * since the shelfcast script starts with `#!/usr/bin/env node`.
   */
  searchPath: string;
}

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

async function listsShelfcast(root: string): Promise<boolean> {
  try {
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
    return Object.hasOwn(pkg.dependencies ?? {}, 'shelfcast') || Object.hasOwn(pkg.devDependencies ?? {}, 'shelfcast');
  } catch {
    return false;
  }
}

export async function projectInstall(root: string, nodeBinary: string = process.execPath): Promise<ProjectInstall> {
  const own = path.join(root, 'node_modules', '.bin', 'shelfcast');
  const local = await exists(own);
  const dirs = [path.dirname(nodeBinary), '/usr/local/bin', '/usr/bin', '/bin'];
  return { listed: await listsShelfcast(root), local, bin: local ? own : RUNNING_SCRIPT, searchPath: [...new Set(dirs)].join(':') };
}
