import { Cron } from 'croner';
import type { FeedRunRecord, RunRecord } from '../run/history.js';
import type { ScheduledFeed } from './scheduler.js';

/**
 * ok: the last run went well and no run is due; due: a scheduled time has passed since the last
 * run; late: two or more have passed (runs are being missed); failing: the last run failed or was
 * refused; never: never run; unscheduled: no `schedule:` and never run.
 */
export type FeedState = 'ok' | 'due' | 'late' | 'failing' | 'never' | 'unscheduled';

export interface FeedStatus {
  feed: string;
  state: FeedState;
  schedule?: { cron: string; timezone?: string };
  /** The feed's last run (dry runs are not recorded). */
  last?: { runId: string; command: string; at: string; status: FeedRunRecord['status']; items: number; errors: number };
  /** The next scheduled time after now. */
  next?: string;
  /** Scheduled times missed since the last run (capped at 100). */
  missed?: number;
}

const MISSED_CAP = 100;

/** Feed ids in the order of the project, with each one's last run from `runs` (newest first). */
export function feedStatus(feedId: string, schedule: ScheduledFeed | undefined, runs: readonly RunRecord[], now: Date): FeedStatus {
  const run = runs.find((r) => r.feeds.some((f) => f.id === feedId));
  const f = run?.feeds.find((x) => x.id === feedId);
  const status: FeedStatus = { feed: feedId, state: 'ok' };
  if (schedule) status.schedule = { cron: schedule.cron, ...(schedule.timezone ? { timezone: schedule.timezone } : {}) };
  if (run && f) status.last = { runId: run.runId, command: run.command, at: run.startedAt, status: f.status, items: f.items, errors: f.errors };
  let missed = 0;
  if (schedule) {
    const cron = new Cron(schedule.cron, { paused: true, ...(schedule.timezone ? { timezone: schedule.timezone } : {}) });
    status.next = cron.nextRun(now)?.toISOString();
    if (run) {
      for (let t = cron.nextRun(new Date(run.startedAt)); t && t <= now && missed < MISSED_CAP; t = cron.nextRun(t)) missed++;
      status.missed = missed;
    }
  }
  if (!f) status.state = schedule ? 'never' : 'unscheduled';
  else if (f.status === 'failed' || f.status === 'refused') status.state = 'failing';
  else if (missed >= 2) status.state = 'late';
  else if (missed === 1) status.state = 'due';
  return status;
}
