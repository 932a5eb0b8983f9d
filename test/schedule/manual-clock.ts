import type { SchedulerClock } from '../../src/schedule/clock.js';
import type { ScheduleEvent } from '../../src/schedule/events.js';
import type { RunRecord } from '../../src/run/history.js';

/** A clock the test sets by hand: sleepers wake when the test moves time past their due time. */
export class ManualClock implements SchedulerClock {
  private waiters: Array<{ until: number; wake: () => void }> = [];
  constructor(private t: number) {}

  now(): Date {
    return new Date(this.t);
  }

  sleepUntil(until: Date, signal: AbortSignal): Promise<void> {
    if (until.getTime() <= this.t || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const w = { until: until.getTime(), wake: resolve };
      this.waiters.push(w);
      signal.addEventListener('abort', () => {
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve();
      });
    });
  }

  set(iso: string): void {
    this.t = Date.parse(iso);
    const due = this.waiters.filter((w) => w.until <= this.t);
    this.waiters = this.waiters.filter((w) => w.until > this.t);
    for (const w of due) w.wake();
  }
}

/** Collects events; waitFor resolves when a matching one has been (or gets) emitted. */
export class EventLog {
  readonly events: ScheduleEvent[] = [];
  private watchers: Array<{ match: (e: ScheduleEvent) => boolean; resolve: (e: ScheduleEvent) => void }> = [];

  emit = (e: ScheduleEvent): void => {
    this.events.push(e);
    for (const w of [...this.watchers]) {
      if (w.match(e)) {
        this.watchers = this.watchers.filter((x) => x !== w);
        w.resolve(e);
      }
    }
  };

  waitFor(match: (e: ScheduleEvent) => boolean): Promise<ScheduleEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.watchers.push({ match, resolve }));
  }

  of(kind: ScheduleEvent['event']): ScheduleEvent[] {
    return this.events.filter((e) => e.event === kind);
  }
}

/** A promise the test settles by hand: a run that lasts until the test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The smallest RunRecord of one written feed, for scheduler tests that do not build feeds. */
export function recordOf(feed: string, runId: string): RunRecord {
  return {
    runId,
    command: 'run',
    dryRun: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    ok: true,
    items: { total: 3, valid: 3, invalid: 0 },
    feeds: [
      {
        id: feed,
        channel: 'google',
        format: 'xml',
        files: [],
        items: 3,
        records: 3,
        excluded: 0,
        filtered: 0,
        status: 'written',
        issueCounts: {},
        counts: { read: 3, valid: 3, excluded: 0, filtered: 0, written: 3, pushed: 0, failed: 0 },
        errors: 0,
        warnings: 0,
        issueCodes: [],
      },
    ],
  };
}
