// The machine a benchmark ran on, recorded with every result (figures mean little without it).
import os from 'node:os';

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** The 1, 5 and 15 minute load averages, rounded: other work on the machine skews wall times. */
export const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);
