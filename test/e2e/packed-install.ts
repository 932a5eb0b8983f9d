import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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
 * What `npm install --save-dev <tarball>` writes in an empty folder, done offline: the shop's
 * package.json lists the tarball and a package-lock.json pins shelfcast's dependencies at the
 * versions this checkout locks, so `npm ci --offline` takes every one of them from npm's cache
 * (filled by the checkout's own `npm ci`) and nothing from the registry. Install scripts run as
 * they would for a user; better-sqlite3's finds its prebuilt binary in a local folder (the one
 * this checkout's install has), as on a connected machine it downloads it. ssh2's optional
 * native helpers are not built (its pure JavaScript serves), as the README suggests.
 */
export async function installPacked(tarball: string, shop: string): Promise<{ seconds: number }> {
  await mkdir(shop, { recursive: true });
  const lock = JSON.parse(await readFile(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; version?: string }> };
  const own = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { version: string; dependencies: object; bin: object; engines: object };
  const spec = `file:${tarball}`;
  // On another node major the local binary does not fit: the ledger (stock commands) is not used here.
  const sameAbi = NODE === process.execPath;
  const allowScripts = { 'better-sqlite3': sameAbi, ssh2: false, 'cpu-features': false };
  const packages: Record<string, object> = {
    '': { name: 'shop', devDependencies: { shelfcast: spec } },
    'node_modules/shelfcast': { version: own.version, resolved: spec, dev: true, dependencies: own.dependencies, bin: own.bin, engines: own.engines },
  };
  for (const [key, entry] of Object.entries(lock.packages)) if (key.startsWith('node_modules/') && !entry.dev) packages[key] = { ...entry, dev: true };
  await writeFile(path.join(shop, 'package.json'), `${JSON.stringify({ name: 'shop', private: true, devDependencies: { shelfcast: spec }, allowScripts }, null, 2)}\n`);
  await writeFile(path.join(shop, 'package-lock.json'), `${JSON.stringify({ name: 'shop', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`);
  const prebuilds = await localPrebuilds();
  const started = process.hrtime.bigint();
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], {
    cwd: shop,
    env: { ...process.env, PATH: NODE_PATH, npm_config_better_sqlite3_local_prebuilds: prebuilds },
    maxBuffer: 16 << 20,
  });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
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
