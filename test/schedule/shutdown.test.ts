import { readdir, readFile, access } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSchedule } from '../../src/cli/schedule.js';
import { acquireRunLock } from '../../src/run/lock.js';
import { readRuns } from '../../src/run/history.js';
import { ManualClock } from './manual-clock.js';
import { FIXED_NOW, sha256, testContext, twoFeedProject, xmlItems } from './project.js';

const exists = (f: string) => access(f).then(() => true, () => false);

describe('shelfcast schedule with the real pipeline', () => {
  it('on SIGTERM mid-run finishes the feed it is writing, drops the queue, releases the lock and returns', async () => {
    const every = 'schedule:\n  cron: "0 * * * *"\n  timezone: UTC';
    const dir = await twoFeedProject({ google: every, meta: every });
    const clock = new ManualClock(Date.parse('2026-03-02T11:59:30Z'));
    let shutdown: ((signal: string) => void) | undefined;
    let unregistered = false;
    const events: any[] = [];
    let bothWaiting!: () => void;
    const waiting = new Promise<void>((resolve) => (bothWaiting = resolve));
    let clockReads = 0;
    const { ctx } = testContext(dir, {
      onShutdown: (handler) => {
        shutdown = handler;
        return () => {
          unregistered = true;
        };
      },
      // The run reads the clock for its id, its lock and its start, then builds the feed: the
      // signal arrives on the third read, with the lock held and the build about to write.
      now: () => {
        if (events.some((e) => e.event === 'started') && ++clockReads === 3) shutdown!('SIGTERM');
        return FIXED_NOW;
      },
      stderr: (s) => {
        for (const line of s.split('\n').filter(Boolean)) {
          events.push(JSON.parse(line));
          if (events.filter((x) => x.event === 'next').length === 2) bothWaiting();
        }
      },
    });
    const running = runSchedule(ctx, { config: 'shelfcast.yaml' }, clock);
    await waiting;
    clock.set('2026-03-02T12:00:00Z');
    await running;
    const kinds = events.map((e) => e.event).filter((k) => k !== 'next');
    expect(kinds[0]).toBe('scheduling');
    expect(kinds.slice(-5)).toEqual(['started', 'stopping', 'skipped', 'finished', 'stopped']);
    const started = events.find((e) => e.event === 'started');
    const skipped = events.find((e) => e.event === 'skipped');
    expect(skipped).toMatchObject({ reason: 'shutting down' });
    expect(skipped.feed).not.toBe(started.feed);
    const finished = events.find((e) => e.event === 'finished');
    expect(finished).toMatchObject({ feed: started.feed, ok: true });
    expect(finished.feeds).toEqual([expect.objectContaining({ feed: started.feed, status: 'written', read: 10, valid: 10, written: 10, excluded: 0 })]);
    expect(unregistered).toBe(true);
    // The feed that ran is whole (byte-equal to the golden file), the other was never started,
    // no temporary file is left and the lock is free.
    const file = started.feed === 'google' ? 'google.xml' : 'meta.csv';
    const other = started.feed === 'google' ? 'meta.csv' : 'google.xml';
    const text = await readFile(path.join(dir, 'out', file), 'utf8');
    if (file === 'google.xml') expect(xmlItems(text)).toBe(10);
    else expect(text.trim().split('\n')).toHaveLength(11);
    expect(await exists(path.join(dir, 'out', other))).toBe(false);
    expect((await readdir(path.join(dir, 'out'))).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(await exists(path.join(dir, '.shelfcast', 'run.lock'))).toBe(false);
    const lock = await acquireRunLock(path.join(dir, '.shelfcast'), { pid: 1, host: 'test', startedAt: '' });
    await lock.release();
    const runs = await readRuns(path.join(dir, '.shelfcast'));
    expect(runs.map((r) => r.runId)).toEqual([finished.runId]);
    expect(runs[0]!.feeds[0]!.files[0]!.sha256).toBe(sha256(text));
  });

  it('refuses to start (exit 2) when no feed has a schedule', async () => {
    const dir = await twoFeedProject();
    const { ctx } = testContext(dir);
    await expect(runSchedule(ctx, { config: 'shelfcast.yaml' }, new ManualClock(0))).rejects.toThrow(/no enabled feed has a `schedule:`/);
  });
});
