import { Cron } from 'croner';
import type { RunRecord } from '../run/history.js';
import type { SchedulerClock } from './clock.js';
import { finishedFeeds, type ScheduleEvent } from './events.js';

/** A feed and when it runs. */
export interface ScheduledFeed {
  id: string;
  cron: string;
  /** IANA time zone the expression is read in; default the machine's. */
  timezone?: string;
}

export interface SchedulerOptions {
  feeds: readonly ScheduledFeed[];
  clock: SchedulerClock;
  /** Runs one feed (the `shelfcast run --feed ID` path) and returns its record. */
  run: (feedId: string) => Promise<RunRecord>;
  emit: (event: ScheduleEvent) => void;
  /** Tells a lock held by another process apart from other failures; default: never. */
  isLocked?: (err: unknown) => boolean;
}

interface Job {
  feed: string;
  due: Date;
}

/**
 * Runs each feed when its cron expression is due, one run at a time: a feed that comes due while
 * another runs waits in the queue; a feed that comes due while it is itself still running or
 * queued is skipped (the next due time catches up). stop() lets the current run finish, drops the
 * queue and resolves the promise of start().
 */
export class Scheduler {
  private readonly abort = new AbortController();
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private draining: Promise<void> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  /** Resolves once stop() was called and the run in progress (if any) has finished. */
  async start(): Promise<void> {
    const { feeds, emit } = this.options;
    emit({ event: 'scheduling', feeds: feeds.map((f) => ({ feed: f.id, cron: f.cron, ...(f.timezone ? { timezone: f.timezone } : {}) })) });
    await Promise.all(feeds.map((f) => this.watch(f)));
    await this.draining;
    emit({ event: 'stopped' });
  }

  /** Stops scheduling; the current run finishes (its files are committed whole), queued runs are dropped. */
  stop(signal = 'stop'): void {
    if (this.abort.signal.aborted) return;
    this.options.emit({ event: 'stopping', signal, ...(this.running ? { waitingFor: this.running.feed } : {}) });
    this.abort.abort();
    for (const job of this.queue.splice(0)) this.options.emit({ event: 'skipped', feed: job.feed, due: job.due.toISOString(), reason: 'shutting down' });
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async watch(feed: ScheduledFeed): Promise<void> {
    const { clock, emit } = this.options;
    const cron = new Cron(feed.cron, { paused: true, ...(feed.timezone ? { timezone: feed.timezone } : {}) });
    let from = clock.now();
    while (!this.stopped) {
      const due = cron.nextRun(from);
      if (!due) return;
      emit({ event: 'next', feed: feed.id, at: due.toISOString() });
      await clock.sleepUntil(due, this.abort.signal);
      if (this.stopped) return;
      this.enqueue({ feed: feed.id, due });
      // From the due time, not from now: every due time is either run or reported as skipped.
      from = due;
    }
  }

  private enqueue(job: Job): void {
    const { emit } = this.options;
    if (this.running?.feed === job.feed) return emit({ event: 'skipped', feed: job.feed, due: job.due.toISOString(), reason: 'still running' });
    if (this.queue.some((q) => q.feed === job.feed)) return emit({ event: 'skipped', feed: job.feed, due: job.due.toISOString(), reason: 'already queued' });
    this.queue.push(job);
    this.draining ??= this.drain();
  }

  private async drain(): Promise<void> {
    // `draining` is cleared in the same tick the queue is found empty, so a job enqueued right
    // after always starts a new drain instead of waiting behind a finished one.
    try {
      for (let job = this.queue.shift(); job; job = this.stopped ? undefined : this.queue.shift()) await this.runJob(job);
    } finally {
      this.draining = undefined;
    }
  }

  private async runJob(job: Job): Promise<void> {
    const { run, emit, clock, isLocked } = this.options;
    this.running = job;
    const started = clock.now();
    emit({ event: 'started', feed: job.feed, due: job.due.toISOString() });
    try {
      const record = await run(job.feed);
      emit({ event: 'finished', feed: job.feed, runId: record.runId, ok: record.ok, durationMs: clock.now().getTime() - started.getTime(), feeds: finishedFeeds(record) });
    } catch (err) {
      const message = (err as Error)?.message ?? String(err);
      if (isLocked?.(err)) emit({ event: 'skipped', feed: job.feed, due: job.due.toISOString(), reason: 'locked', detail: message });
      else emit({ event: 'failed', feed: job.feed, error: message });
    } finally {
      this.running = undefined;
    }
  }
}
