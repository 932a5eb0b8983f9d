import path from 'node:path';
import type { Worker as RealWorker } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { REPO } from '../e2e/cli.js';

/** The Workers made, and which construction fails as the system would fail it (0: none). */
const made: RealWorker[] = [];
let constructions = 0;
let refuse = 0;

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class RefusableWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      if (++constructions === refuse) throw Object.assign(new Error('Worker initialization failure: EAGAIN'), { code: 'ERR_WORKER_INIT_FAILED' });
      super(...args);
      made.push(this);
    }
  }
  return { ...real, Worker: RefusableWorker };
});

const { WorkerPool } = await import('../../src/run/pass/worker-pool.js');

describe('WorkerPool start', () => {
  it('stops the threads it started when the next one cannot be started, and says how to go on', async () => {
    refuse = 2;
    const setup = { configFile: path.join(REPO, 'shelfcast.yaml'), feedIds: ['google'], now: Date.UTC(2026, 0, 1) };
    expect(() => new WorkerPool(2, setup)).toThrow(/^could not start worker thread 2 of 2: Worker initialization failure: EAGAIN\. Run with fewer workers \(--workers 1\), or --workers 0 for none\.$/);
    expect(made).toHaveLength(1);
    // Stopped, not left running to keep the process alive. The exit event comes after this tick,
    // so it cannot be missed here; without the stop it never comes (the thread waits for work).
    await new Promise((resolve) => made[0]!.once('exit', resolve));
  });
});
