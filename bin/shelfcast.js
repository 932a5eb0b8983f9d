#!/usr/bin/env node
// The only file that touches `process`: everything else receives its I/O from here.
import { setFlagsFromString } from 'node:v8';
import { markProcessStart, startEarlyWorkers } from '../dist/bundle/early-workers.js';

// The automatic choice of workers measures what other work keeps the cores busy from here on.
markProcessStart();

// V8 scavenges the young generation with helper threads by default. A long pass keeps every core
// busy with its own threads already, and the helpers only competed with them: without them a
// worker's scavenge pauses at 200,000 rows took half the time (BENCHMARKS.md). V8 reads this flag
// at each scavenge; it is set before any worker starts or any large heap exists.
setFlagsFromString('--no-parallel-scavenge');
// V8 lets a heap grow to up to four times what survived its last full collection before the next
// one; a pass keeps 15-20 MB live per thread, and each thread's heap grew to 60-100 MB of mostly
// garbage. Growing by half of what is live keeps the heaps of every thread smaller: six feeds of
// 200,000 rows with two workers peaked at 282 MiB instead of 330-340, with no CPU measured lost
// (BENCHMARKS.md). It is a growing factor, not a limit: a heap that needs more still gets it.
setFlagsFromString('--heap-growing-percent=50');

// SIGTERM and SIGINT stop any phase, loading included: the handlers are in place before anything
// loads. A long-running command (schedule) may ask for the first signal itself, to finish its
// current job; otherwise, and on a second signal, what the command registered (the run lock) is
// released, within a second, and the process exits 143 (SIGTERM) or 130 (SIGINT) with a line
// that says so. Feeds are replaced atomically after a complete build, so none is half-written.
const argv = process.argv.slice(2);
const cleanups = new Set();
let graceful;
let cli;
let stopping = false;
const onSignal = async (signal) => {
  if (graceful && !stopping) {
    const handler = graceful;
    graceful = undefined;
    handler(signal);
    return;
  }
  const code = signal === 'SIGINT' ? 130 : 143;
  if (stopping) process.exit(code);
  stopping = true;
  const limit = new Promise((resolve) => setTimeout(resolve, 1000, []).unref());
  const released = await Promise.race([Promise.all([...cleanups].map((c) => c().catch(() => undefined))), limit]);
  const report = cli?.interruptReport(signal, argv, released.filter(Boolean));
  if (report?.stdout) process.stdout.write(report.stdout);
  process.stderr.write(report?.stderr ?? `shelfcast: stopped by ${signal} (exit ${code})\n`);
  process.exit(code);
};
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);

// A long pass's worker threads load their modules while this thread loads the CLI's. Choosing
// them automatically samples the machine for a moment first (machine-load), while the CLI loads;
// the pass adopts them once they are started.
void startEarlyWorkers(argv, process.cwd());
cli = await import('../dist/bundle/main.js');

// SOURCE_DATE_EPOCH (reproducible-builds.org) pins the clock, so two builds of the same catalog
// are byte-identical; golden tests rely on it.
const epoch = process.env.SOURCE_DATE_EPOCH;
const fixed = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;

// Past a file-size limit (ulimit -f) the kernel would kill the process; ignoring the signal turns
// it into an EFBIG write error, which the atomic writer reports with the previous file intact.
process.on('SIGXFSZ', () => {});

const code = await cli.main(argv, {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
  now: fixed ? () => fixed : undefined,
  // The first SIGTERM/SIGINT asks a long-running command to finish cleanly; a second one stops it.
  onShutdown: (handler) => {
    graceful = handler;
    return () => {
      if (graceful === handler) graceful = undefined;
    };
  },
  onInterrupt: (cleanup) => {
    cleanups.add(cleanup);
    return () => cleanups.delete(cleanup);
  },
});
process.exitCode = code;
