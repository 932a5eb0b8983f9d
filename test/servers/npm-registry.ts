import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

/** What a package-lock.json (v3) says of one installed package. */
interface LockEntry {
  name?: string;
  version?: string;
  integrity?: string;
  dev?: boolean;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  bin?: unknown;
  engines?: unknown;
  os?: string[];
  cpu?: string[];
  hasInstallScript?: boolean;
}

export interface NpmRegistry {
  url: string;
  /** Package names npm asked for: every dependency is resolved here, never on the internet. */
  requested: Set<string>;
  close(): Promise<void>;
}

/**
 * An npm registry on loopback that knows exactly the packages of a package-lock.json and serves
 * their tarballs from npm's cache (filled by the `npm ci` of that lock), so a plain
 * `npm install <spec>` resolves and installs as against registry.npmjs.org, without a network.
 * A package or version the lock does not hold is a 404, as the real registry answers an unknown
 * name: an install that needs anything else fails instead of reaching out.
 */
export async function startLockRegistry(lockFile: string, opts: { devToo?: boolean } = {}): Promise<NpmRegistry> {
  const lock = JSON.parse(await readFile(lockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const cacheDir = (await promisify(execFile)('npm', ['config', 'get', 'cache'])).stdout.trim();
  const versions = new Map<string, Map<string, LockEntry>>();
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (!key.includes('node_modules/') || entry.link || !entry.version || !entry.integrity) continue;
    if (entry.dev && !opts.devToo) continue;
    const name = entry.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!versions.has(name)) versions.set(name, new Map());
    versions.get(name)!.set(entry.version, entry);
  }
  const requested = new Set<string>();
  let url = '';

  // cacache's content address: content-v2/<algorithm>/<hex digest split 2/2/rest>.
  const contentPath = (integrity: string): string => {
    const [algorithm, digest] = integrity.split('-', 2) as [string, string];
    const hex = Buffer.from(digest, 'base64').toString('hex');
    return path.join(cacheDir, '_cacache', 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
  };

  const packument = (name: string, byVersion: Map<string, LockEntry>) => {
    const out: Record<string, object> = {};
    for (const [version, e] of byVersion) {
      const { dependencies, optionalDependencies, peerDependencies, peerDependenciesMeta, bin, engines, os, cpu, hasInstallScript } = e;
      out[version] = {
        name,
        version,
        dependencies,
        optionalDependencies,
        peerDependencies,
        peerDependenciesMeta,
        bin,
        engines,
        os,
        cpu,
        hasInstallScript,
        dist: { integrity: e.integrity, tarball: `${url}/-/tarball/${encodeURIComponent(name)}/${version}.tgz` },
      };
    }
    const latest = [...byVersion.keys()].sort(compareVersions).at(-1)!;
    return { name, 'dist-tags': { latest }, versions: out };
  };

  const server = createServer((req, res) => {
    const parts = (req.url ?? '/').split('?')[0]!.split('/').slice(1).map(decodeURIComponent);
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    };
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (parts[0] === '-' && parts[1] === 'tarball') {
      const entry = versions.get(parts[2]!)?.get(parts[3]!.replace(/\.tgz$/, ''));
      if (!entry) return notFound();
      const file = contentPath(entry.integrity!);
      access(file).then(
        () => createReadStream(file).pipe(res.writeHead(200, { 'content-type': 'application/octet-stream' })),
        notFound,
      );
      return;
    }
    const name = parts.join('/');
    requested.add(name);
    const byVersion = versions.get(name);
    if (!byVersion) return notFound();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(packument(name, byVersion)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requested,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Plain x.y.z order (pre-release tags after the release they name); enough for dist-tags.latest. */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const pb = b.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i], y = pb[i];
    if (x === y) continue;
    if (x === undefined) return 1;
    if (y === undefined) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
