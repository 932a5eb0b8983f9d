import type { RunRecord } from '../run/history.js';

/** One line of `shelfcast schedule`'s log: what happened to which feed, and when. */
export type ScheduleEvent =
  | { event: 'scheduling'; feeds: Array<{ feed: string; cron: string; timezone?: string }> }
  | { event: 'next'; feed: string; at: string }
  | { event: 'started'; feed: string; due: string }
  | { event: 'finished'; feed: string; runId: string; ok: boolean; durationMs: number; feeds: FinishedFeed[] }
  | { event: 'failed'; feed: string; error: string }
  | { event: 'skipped'; feed: string; due: string; reason: 'still running' | 'already queued' | 'locked' | 'shutting down'; detail?: string }
  | { event: 'stopping'; signal: string; waitingFor?: string }
  | { event: 'stopped' };

export interface FinishedFeed {
  feed: string;
  status: string;
  read: number;
  valid: number;
  excluded: number;
  written: number;
  pushed: number;
  failed: number;
  errors: number;
  warnings: number;
}

/** The counts of a finished run, per feed, for the `finished` event. */
export function finishedFeeds(record: RunRecord): FinishedFeed[] {
  return record.feeds.map((f) => ({
    feed: f.id,
    status: f.status,
    read: f.counts.read,
    valid: f.counts.valid,
    excluded: f.counts.excluded,
    written: f.counts.written,
    pushed: f.counts.pushed,
    failed: f.counts.failed,
    errors: f.errors,
    warnings: f.warnings,
  }));
}

/** One JSON object per line, with the time first: easy to grep, and to ship to a log collector. */
export const formatEvent = (at: Date, e: ScheduleEvent): string => `${JSON.stringify({ time: at.toISOString(), ...e })}\n`;
