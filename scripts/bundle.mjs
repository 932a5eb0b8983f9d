#!/usr/bin/env node
// Bundles the compiled CLI (dist/) into dist/bundle/, which bin/shelfcast.js runs. Part of
// `npm run build`, after tsc. Why: each of the ~300 modules the CLI and every worker thread of a
// pass load costs its own resolution, read and compile; one bundle per entry point loads in a
// third of the CPU time (BENCHMARKS.md), and a worker thread pays it again. Chunks shared between
// the entry points are loaded once per thread (splitting), lazily imported modules stay lazy
// (channels, transports), and heavy or native packages stay in node_modules.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const outdir = path.join(dist, 'bundle');
// Chunk names carry a content hash: the last build's chunks would pile up.
await rm(outdir, { recursive: true, force: true });

/**
 * zod's `z.locales` namespace holds its error messages in ~50 languages (313 KB of the 756 KB zod
 * chunk every thread compiles); shelfcast's messages are its own and zod's default, English, is the
 * only one it uses (zod registers it itself, from ../locales/en.js). The namespace keeps English only.
 */
const englishZodOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core|mini)$/.test(args.resolveDir) ? { path: path.join(args.resolveDir, '../locales/en.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path), loader: 'js' }));
  },
};

await build({
  // Same depth as dist/cli/: import.meta.url-relative paths (package.json, templates/) still resolve,
  // and the worker script sits next to the module that starts it.
  entryPoints: {
    main: path.join(dist, 'cli/main.js'),
    'early-workers': path.join(dist, 'run/pass/early-workers.js'),
    'pass-worker': path.join(dist, 'run/pass/pass-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addons and the clients only a push loads: resolved from node_modules as before.
  external: ['better-sqlite3', 'ssh2-sftp-client', '@aws-sdk/*', '@smithy/*', 'got', 'basic-ftp'],
  // Bundled CommonJS packages (yaml) call require() for Node's own modules.
  banner: { js: "import { createRequire as __shelfcastRequire } from 'node:module'; const require = __shelfcastRequire(import.meta.url);" },
  sourcemap: true,
  plugins: [englishZodOnly],
  logLevel: 'warning',
});

// `shelfcast channels` lists the channels from this file instead of loading every channel module
// (src/channels/channel-summaries.ts says why); written from the compiled channels themselves.
const { SUMMARIES_FILE } = await import(pathToFileURL(path.join(dist, 'channels/channel-summaries.js')).href);
const { summarizeChannels } = await import(pathToFileURL(path.join(dist, 'channels/summarize-channels.js')).href);
await writeFile(path.join(outdir, SUMMARIES_FILE), `${JSON.stringify(await summarizeChannels(), null, 2)}\n`);
