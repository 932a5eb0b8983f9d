import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startLockRegistry, type NpmRegistry } from '../servers/npm-registry.js';
import { REPO } from './cli.js';

const run = promisify(execFile);

/**
 * The node the installed CLI runs on: this one, or SHELFCAST_TEST_NODE (.ci/run sets it to a
 * Node 22 binary from the npm registry to cover the other supported major).
 */
export const NODE = process.env.SHELFCAST_TEST_NODE ?? process.execPath;
/** PATH with that node first: npm, npx and the `#!/usr/bin/env node` of the installed CLI find it. */
export const NODE_PATH = [path.dirname(NODE), ...(process.env.PATH ?? '').split(path.delimiter)].join(path.delimiter);

/** `npm pack` of this checkout, as built (the test suite builds first; no build again here). */
export async function packProject(): Promise<string> {
  const dest = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pack-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: REPO, maxBuffer: 16 << 20 });
  const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
  return path.join(dest, filename);
}

/**
 * The README's install lines ("Use shelfcast for your shop", up to `npx shelfcast init`), as a
 * shell script for `sh`, the tarball put where the README says /path/to/shelfcast-<version>.tgz.
 */
export async function readmeInstallScript(tarball: string): Promise<string> {
  const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use shelfcast for your shop'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  const lines = block.split('\n');
  const install = lines.slice(0, lines.findIndex((l) => l.startsWith('npx shelfcast init')));
  return install.join('\n').replace(/\/path\/to\/shelfcast-[\w.-]+\.tgz/g, tarball);
}

/**
 * Runs the README's install lines in `parent` (they make the shop folder, my-shop) against a
 * registry on loopback that serves the packages this checkout locks from npm's cache: the same
 * `npm install` a user runs, with no network. Install scripts run as package.json allows them;
 * better-sqlite3's finds its prebuilt binary in a local folder (the one this checkout's install
 * has), as on a connected machine it downloads it. On another node major that binary does not fit
 * and compiling SQLite would take minutes: the ledger is not used here, so its script is not run.
 */
export async function installAsReadme(tarball: string, parent: string): Promise<Installed & { shop: string }> {
  let script = await readmeInstallScript(tarball);
  if (NODE !== process.execPath) script = script.replace('allowScripts.better-sqlite3=true', 'allowScripts.better-sqlite3=false');
  return { shop: path.join(parent, 'my-shop'), ...(await withLockRegistry(script, parent)) };
}

/** `npm install -g <tarball>`, into `prefix` instead of the machine's global folder. */
export function installGlobally(tarball: string, prefix: string): Promise<Installed> {
  return withLockRegistry(`npm install -g --prefix '${prefix}' '${tarball}'`, prefix);
}

interface Installed {
  seconds: number;
  /** npm's warnings (install scripts it was not told about). */
  stderr: string;
  registry: NpmRegistry;
}

async function withLockRegistry(script: string, cwd: string): Promise<Installed> {
  const registry = await startLockRegistry(path.join(REPO, 'package-lock.json'));
  const prebuilds = await localPrebuilds();
  const started = process.hrtime.bigint();
  try {
    const { stderr } = await run('/bin/sh', ['-ec', script], {
      cwd,
      env: {
        PATH: NODE_PATH,
        HOME: process.env.HOME,
        npm_config_registry: `${registry.url}/`,
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
        npm_config_better_sqlite3_local_prebuilds: prebuilds,
      },
      maxBuffer: 16 << 20,
    });
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, stderr, registry };
  } finally {
    await registry.close();
  }
}

/** better-sqlite3's prebuilt archive for this node, made from this checkout's installed binary. */
async function localPrebuilds(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-prebuilds-'));
  const pkg = path.join(REPO, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(await readFile(path.join(pkg, 'package.json'), 'utf8')) as { version: string };
  const archive = path.join(dir, `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  await run('tar', ['-czf', archive, '-C', pkg, 'build/Release/better_sqlite3.node']);
  return dir;
}
