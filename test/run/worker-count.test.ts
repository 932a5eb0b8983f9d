import { describe, expect, it } from 'vitest';
import { parseProcStat, spareCores, type CpuSample } from '../../src/run/pass/machine-load.js';
import { autoWorkers } from '../../src/run/pass/worker-count.js';

const MiB = 1024 * 1024;

describe('the automatic choice of workers', () => {
  it('runs small catalogs and one-core machines in one thread', () => {
    expect(autoWorkers(10 * MiB, { cores: 8, spare: 8 })).toBe(0);
    expect(autoWorkers(100 * MiB, { cores: 1, spare: 1 })).toBe(0);
  });

  it('gives a large catalog one thread per spare core, the main thread one of them: at least one worker, fewer than the cores', () => {
    expect(autoWorkers(100 * MiB, { cores: 2, spare: 2 })).toBe(1);
    expect(autoWorkers(100 * MiB, { cores: 2, spare: 1.2 })).toBe(1);
    expect(autoWorkers(100 * MiB, { cores: 16, spare: 5.6 })).toBe(5);
    expect(autoWorkers(100 * MiB, { cores: 64, spare: 60 })).toBe(7);
  });

  it('stays in one thread when other work leaves no core to spare', () => {
    expect(autoWorkers(100 * MiB, { cores: 2, spare: 0.9 })).toBe(0);
    expect(autoWorkers(100 * MiB, { cores: 2, spare: -12 })).toBe(0);
    expect(autoWorkers(100 * MiB, { cores: 16, spare: 0.5 })).toBe(0);
  });
});

const stat = (busy: number, idle: number) => `cpu  ${busy} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\nintr 1 2 3\n`;
const sample = (at: number, own: number, busy: number, idle: number): CpuSample => ({ at, own, machine: parseProcStat(stat(busy, idle)) });

describe('the spare cores, measured as the process starts', () => {
  it('reads the busy and idle ticks of all cores from /proc/stat', () => {
    const text = 'cpu  3613822 61181 948253 5778442 21911 0 20314 0 0 0\ncpu0 1803976 30550 460028 2913838 5768 0 7809 0 0 0\ncpu1 1809845 30631 488224 2864604 16143 0 12504 0 0 0\nintr 44756303 0\n';
    expect(parseProcStat(text)).toEqual({ busy: 3613822 + 61181 + 948253 + 20314, total: 3613822 + 61181 + 948253 + 20314 + 5778442 + 21911, cpus: 2 });
    expect(parseProcStat('nothing here\n')).toBeUndefined();
  });

  it('finds both cores spare on an idle machine however high the load average still is', () => {
    // 0.1 s on 2 cores = 20 ticks; this process used 0.05 CPU s (5 ticks), nothing else ran.
    expect(spareCores(2, sample(10, 0.2, 1000, 1000), sample(10.1, 0.25, 1005, 1015), 1.4)).toBeCloseTo(2, 5);
    expect(autoWorkers(100 * MiB, { cores: 2, spare: spareCores(2, sample(10, 0.2, 1000, 1000), sample(10.1, 0.25, 1005, 1015), 1.4) })).toBe(1);
  });

  it('takes off what other work keeps busy, not what this process did', () => {
    // Both cores busy for 0.1 s (20 ticks), 0.07 of it this process: other work kept 1.3 cores busy.
    const spare = spareCores(2, sample(0, 0, 0, 0), sample(0.1, 0.07, 20, 0), 0);
    expect(spare).toBeCloseTo(0.7, 5);
    expect(autoWorkers(100 * MiB, { cores: 2, spare })).toBe(0);
    // One other job on one core, this process idle while it waited: one core to spare.
    expect(spareCores(2, sample(0, 0, 0, 0), sample(0.1, 0, 10, 10), 0)).toBeCloseTo(1, 5);
  });

  it('falls back to the load average where /proc/stat cannot be read', () => {
    expect(spareCores(2, { at: 0, own: 0 }, { at: 0.1, own: 0.01 }, 1.4)).toBeCloseTo(0.6, 5);
    expect(spareCores(4, sample(0, 0, 0, 0), sample(0, 0, 0, 0), 1)).toBe(3);
  });
});
