import { Worker } from 'node:worker_threads';
import type { JoinData } from '../../catalog/sources/join-sources.js';
import { ShelfcastError } from '../../issues/issue.js';
import { takeEarlyWorker } from './early-workers.js';
import type { CountOnlyMessage, RecycleMessage, UnitResult, WorkUnit } from './units.js';
import { WORKER_LIMITS, workerScript } from './worker-script.js';

/** What a worker thread needs to set itself up: it loads the project itself, from its file. */
export interface WorkerSetup {
  configFile: string;
  /** Ids of the feeds of the pass, in order. */
  feedIds: string[];
  /** The files those feeds come from (LoadedFeed.file); absent: the worker loads every feed file. */
  feedFiles?: string[];
  /** The run's clock, as milliseconds since the epoch. */
  now: number;
  only?: string[];
  allocation?: Map<string, Map<string, number>>;
  /** For local inventory feeds: SKU -> location -> units. */
  stores?: Map<string, Map<string, number>>;
  /** The supplemental sources' tables (shared memory, not copied). */
  sources?: JoinData;
}

/** The setup of a worker started before the pass, sent as its first message. */
export interface SetupMessage {
  kind: 'setup';
  setup: WorkerSetup;
}

/** A worker's answer: a result, or the run-level failure it met (it never throws across threads). */
export type WorkerReply = { seq: number; result: UnitResult } | { seq: number; error: { message: string; exitCode: 1 | 2; internal: boolean } };

interface Pending {
  resolve: (r: UnitResult) => void;
  reject: (e: Error) => void;
}

/** Units a worker holds at most: the one it processes and the next, so it never waits for the main thread. */
export const UNITS_PER_WORKER = 2;

/**
 * Worker threads that process units. Each unit goes to the thread with the fewest waiting, and
 * the promise run() returns settles with its result; the caller awaits results in unit order.
 */
export class WorkerPool {
  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  private failure: Error | undefined;
  /** Which worker has (or had) each unit, for its buffers to go back there. */
  private readonly owners = new Map<number, Worker>();

  /**
   * Starts `size` threads. When one cannot be started (the system refuses a thread or its memory),
   * those already started are stopped before the error is thrown: left running, they would keep
   * the process alive after the run has failed.
   */
  constructor(size: number, setup: WorkerSetup) {
    for (let i = 0; i < size; i++) {
      try {
        this.start(setup);
      } catch (err) {
        for (const w of this.workers) void w.worker.terminate();
        throw new ShelfcastError(`could not start worker thread ${i + 1} of ${size}: ${(err as Error).message}. Run with fewer workers (--workers ${i}), or --workers 0 for none.`, { cause: err });
      }
    }
  }

  private start(setup: WorkerSetup): void {
    const worker = adoptEarly(setup) ?? new Worker(workerScript(), { workerData: setup, resourceLimits: WORKER_LIMITS });
    const slot = { worker, pending: new Map<number, Pending>() };
    worker.on('message', (reply: WorkerReply) => {
      const p = slot.pending.get(reply.seq);
      if (!p) return;
      slot.pending.delete(reply.seq);
      if ('result' in reply) p.resolve(reply.result);
      else p.reject(replyError(reply.error));
    });
    const fail = (err: Error) => {
      this.failure ??= new ShelfcastError(`internal error in a worker thread: ${err.message} (this is a bug in shelfcast; run with --workers 0 to work around it)`, { cause: err });
      for (const p of slot.pending.values()) p.reject(this.failure);
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (slot.pending.size > 0) fail(new Error(`the thread stopped (exit code ${code})`));
    });
    this.workers.push(slot);
  }

  run(unit: WorkUnit): Promise<UnitResult> {
    if (this.failure) return Promise.reject(this.failure);
    let slot = this.workers[0]!;
    for (const w of this.workers) if (w.pending.size < slot.pending.size) slot = w;
    return new Promise<UnitResult>((resolve, reject) => {
      slot.pending.set(unit.seq, { resolve, reject });
      this.owners.set(unit.seq, slot.worker);
      const transfer = unit.kind === 'csv' ? [unit.bytes.buffer as ArrayBuffer] : [];
      slot.worker.postMessage(unit, transfer);
    });
  }

  /** Every worker holds its UNITS_PER_WORKER units. */
  get full(): boolean {
    return this.workers.every((w) => w.pending.size >= UNITS_PER_WORKER);
  }

  /**
   * Hands the buffers of a merged unit's result back to the worker that made them; false when no
   * worker processed that unit (the caller keeps its buffers).
   */
  recycle(seq: number, buffers: ArrayBuffer[]): boolean {
    const worker = this.owners.get(seq);
    if (!worker) return false;
    this.owners.delete(seq);
    if (this.failure || buffers.length === 0) return true;
    const message: RecycleMessage = { kind: 'recycle', buffers };
    worker.postMessage(message, buffers);
    return true;
  }

  /** Tells every worker which of a feed's issue codes the main thread now only counts. */
  countOnly(feed: number, codes: string[]): void {
    if (this.failure) return;
    const message: CountOnlyMessage = { kind: 'count-only', feed, codes };
    for (const w of this.workers) w.worker.postMessage(message);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** A worker started before the pass (see early-workers), given this pass's setup. */
function adoptEarly(setup: WorkerSetup): Worker | undefined {
  const worker = takeEarlyWorker();
  if (worker) worker.postMessage({ kind: 'setup', setup } satisfies SetupMessage);
  return worker;
}

function replyError(e: { message: string; exitCode: 1 | 2; internal: boolean }): Error {
  return new ShelfcastError(e.internal ? `internal error in a worker thread: ${e.message} (this is a bug in shelfcast; run with --workers 0 to work around it)` : e.message, { exitCode: e.exitCode });
}
