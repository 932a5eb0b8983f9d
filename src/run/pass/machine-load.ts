import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * How many cores other work leaves this process, measured over the first moments of the process
 * rather than read from the 1-minute load average. The average lags by a minute: right after a
 * single-threaded job it still says a core is taken on an idle machine (load ~1.4 on 2 cores after
 * the bench's peer step), and the pass ran in one thread where two workers took 0.68x the wall
 * time. /proc/stat counts what every core did; what this process did itself (process.cpuUsage,
 * all its threads) is taken off, and the rest is the other work, now.
 */

/** One reading of the machine's CPU time and of this process's. */
export interface CpuSample {
  /** Seconds on a monotonic clock. */
  at: number;
  /** This process's CPU seconds so far (user + system, all its threads). */
  own: number;
  /** All cores' busy and total time in /proc/stat's ticks, and how many cores it lists; absent where it cannot be read. */
  machine?: { busy: number; total: number; cpus: number };
}

/**
 * The shortest window a decision is taken over. /proc/stat counts in ticks of 10 ms: over 100 ms
 * two cores give 20 ticks, enough to tell a busy core (10 ticks) from an idle one.
 */
export const MIN_WINDOW_SECONDS = 0.1;

/** The `cpu` line of /proc/stat: user nice system idle iowait irq softirq steal (guest time is inside user). */
export function parseProcStat(text: string): CpuSample['machine'] {
  const line = /^cpu\s+([\d ]+)$/m.exec(text);
  if (!line) return undefined;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line[1]!.trim().split(/\s+/).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  const cpus = text.match(/^cpu\d+\s/gm)?.length ?? 0;
  if (cpus === 0) return undefined;
  return { busy, total: busy + idle + iowait, cpus };
}

export function sampleCpu(): CpuSample {
  const { user, system } = process.cpuUsage();
  let machine: CpuSample['machine'];
  try {
    machine = parseProcStat(readFileSync('/proc/stat', 'latin1'));
  } catch {
    // Not Linux (or no /proc): the load average decides.
  }
  return { at: performance.now() / 1000, own: (user + system) / 1e6, ...(machine ? { machine } : {}) };
}

/**
 * Cores left to this process between two samples: its cores minus what other work kept busy (all
 * cores' busy share, less this process's own CPU per second). Without two /proc/stat readings a
 * window apart, the 1-minute load average stands in for the other work.
 */
export function spareCores(cores: number, start: CpuSample, end: CpuSample, loadAverage: number): number {
  const wall = end.at - start.at;
  const a = start.machine;
  const b = end.machine;
  if (!a || !b || wall <= 0 || b.total <= a.total) return cores - loadAverage;
  const busyCores = ((b.busy - a.busy) / (b.total - a.total)) * b.cpus;
  const ownCores = (end.own - start.own) / wall;
  return cores - Math.max(0, busyCores - ownCores);
}

let start: CpuSample | undefined;
let decided: Promise<{ cores: number; spare: number }> | undefined;

/** Takes the window's first sample; the CLI calls it before it loads anything else. */
export function markProcessStart(): void {
  start ??= sampleCpu();
}

/**
 * The machine's cores and the spare ones, decided once per process (the early start of workers
 * and the pass choose alike), over at least MIN_WINDOW_SECONDS from markProcessStart.
 */
export function machineLoad(): Promise<{ cores: number; spare: number }> {
  decided ??= (async () => {
    const first = start ?? sampleCpu();
    const left = first.machine ? MIN_WINDOW_SECONDS - (performance.now() / 1000 - first.at) : 0;
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(left * 1000)));
    const cores = os.availableParallelism();
    return { cores, spare: spareCores(cores, first, sampleCpu(), os.loadavg()[0]!) };
  })();
  return decided;
}
