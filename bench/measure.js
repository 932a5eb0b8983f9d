// Runs one command as a child process and measures its wall time and peak resident memory.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';

/** True when GNU time is installed (Debian package `time`) and not turned off with SHELFCAST_BENCH_NO_GNU_TIME=1; otherwise /proc is polled. */
export const hasGnuTime = () => process.env.SHELFCAST_BENCH_NO_GNU_TIME !== '1' && existsSync(GNU_TIME);

/** Peak RSS so far of a running process (VmHWM, in bytes), or 0 when /proc cannot tell. */
function vmHwm(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs `command args` in `cwd` and resolves with wall seconds, CPU seconds (user + system; null
 * without GNU time), peak RSS in bytes, the exit code and the output. Peak RSS comes from `/usr/bin/time -v` when present, else from polling /proc (the
 * high-water mark only grows, so the last reading before exit is close to the peak).
 */
export function measure(command, args, { cwd, env } = {}) {
  const gnu = hasGnuTime();
  const argv = gnu ? ['-v', command, ...args] : args;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(gnu ? GNU_TIME : command, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let polled = 0;
    const timer = gnu ? undefined : setInterval(() => (polled = Math.max(polled, vmHwm(child.pid))), 50);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - start) / 1000;
      if (timer) clearInterval(timer);
      let peakRssBytes = polled;
      let exitCode = code;
      let cpuSeconds = null;
      if (gnu) {
        const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
        const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
        if (user && system) cpuSeconds = Number(user[1]) + Number(system[1]);
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        peakRssBytes = rss ? Number(rss[1]) * 1024 : 0;
        const status = /Exit status: (\d+)/.exec(stderr);
        if (status) exitCode = Number(status[1]);
        const cut = stderr.indexOf('\tCommand being timed:');
        if (cut >= 0) stderr = stderr.slice(0, cut);
      }
      resolve({ wallSeconds, cpuSeconds, peakRssBytes, exitCode, stdout, stderr, rssSource: gnu ? '/usr/bin/time -v' : '/proc VmHWM' });
    });
  });
}

/**
 * Runs several commands at once (the shards of a build) and measures them as one step: wall time
 * until the last ends, CPU seconds summed, the largest peak RSS of one of them (what each pod
 * needs), and the worst exit code.
 */
export async function measureGroup(commands, options) {
  const start = performance.now();
  const all = await Promise.all(commands.map(([command, args]) => measure(command, args, options)));
  const cpu = all.every((m) => m.cpuSeconds !== null) ? all.reduce((n, m) => n + m.cpuSeconds, 0) : null;
  return {
    wallSeconds: (performance.now() - start) / 1000,
    cpuSeconds: cpu,
    peakRssBytes: Math.max(...all.map((m) => m.peakRssBytes)),
    exitCode: Math.max(...all.map((m) => m.exitCode ?? 2)),
    stdout: all.map((m) => m.stdout).join(''),
    stderr: all.map((m) => m.stderr).join(''),
    rssSource: all[0]?.rssSource,
  };
}
