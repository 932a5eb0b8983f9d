#!/usr/bin/env node
// The only file that touches `process`: everything else receives its I/O from here.
import { setFlagsFromString } from 'node:v8';
import { startEarlyWorkers } from '../dist/bundle/early-workers.js';

// V8 scavenges the young generation with helper threads by default. A long pass keeps every core
// busy with its own threads already, and the helpers only competed with them: without them a
// worker's scavenge pauses at 200,000 rows took half the time (BENCHMARKS.md). V8 reads this flag
// at each scavenge; it is set before any worker starts or any large heap exists.
setFlagsFromString('--no-parallel-scavenge');

// A long pass's worker threads load their modules while this thread loads the CLI's, which is
// why the CLI is imported only after they start.
await startEarlyWorkers(process.argv.slice(2), process.cwd());
const { main } = await import('../dist/bundle/main.js');

// SOURCE_DATE_EPOCH (reproducible-builds.org) pins the clock, so two builds of the same catalog
// are byte-identical; golden tests rely on it.
const epoch = process.env.SOURCE_DATE_EPOCH;
const fixed = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;

// Past a file-size limit (ulimit -f) the kernel would kill the process; ignoring the signal turns
// it into an EFBIG write error, which the atomic writer reports with the previous file intact.
process.on('SIGXFSZ', () => {});

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
  now: fixed ? () => fixed : undefined,
  // The first SIGTERM/SIGINT asks a long-running command to finish cleanly; a second one kills.
  onShutdown: (handler) => {
    const once = (signal) => {
      off();
      handler(signal);
    };
    const off = () => {
      process.off('SIGTERM', once);
      process.off('SIGINT', once);
    };
    process.on('SIGTERM', once);
    process.on('SIGINT', once);
    return off;
  },
});
process.exitCode = code;
