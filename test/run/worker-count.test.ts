import { describe, expect, it } from 'vitest';
import { autoWorkers } from '../../src/run/pass/worker-count.js';

const MiB = 1024 * 1024;

describe('the automatic choice of workers', () => {
  it('runs small catalogs and one-core machines in one thread', () => {
    expect(autoWorkers(10 * MiB, { cores: 8, spare: 8 })).toBe(0);
    expect(autoWorkers(100 * MiB, { cores: 1, spare: 1 })).toBe(0);
  });

  it('gives a large catalog one worker per spare core, at least two and at most one per core', () => {
    expect(autoWorkers(100 * MiB, { cores: 2, spare: 2 })).toBe(2);
    expect(autoWorkers(100 * MiB, { cores: 2, spare: 1.2 })).toBe(2);
    expect(autoWorkers(100 * MiB, { cores: 16, spare: 5.6 })).toBe(6);
    expect(autoWorkers(100 * MiB, { cores: 64, spare: 60 })).toBe(8);
  });

  it('stays in one thread when other work leaves no core to spare', () => {
    expect(autoWorkers(100 * MiB, { cores: 2, spare: 0.9 })).toBe(0);
    expect(autoWorkers(100 * MiB, { cores: 2, spare: -12 })).toBe(0);
    expect(autoWorkers(100 * MiB, { cores: 16, spare: 0.5 })).toBe(0);
  });
});
