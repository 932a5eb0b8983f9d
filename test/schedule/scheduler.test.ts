import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { deferred, EventLog, ManualClock, recordOf } from './manual-clock.js';

const is =
  (event: string, feed?: string, extra: (e: any) => boolean = () => true) =>
  (e: any) =>
    e.event === event && (feed === undefined || e.feed === feed) && extra(e);

describe('Scheduler, with a clock moved by hand', () => {
  it('runs a feed when its cron expression is due, and computes the next time from there', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T12:00:30Z'));
    const log = new EventLog();
    const calls: string[] = [];
    const s = new Scheduler({ feeds: [{ id: 'google', cron: '*/5 * * * *', timezone: 'UTC' }], clock, emit: log.emit, run: async (id) => (calls.push(id), recordOf(id, `r${calls.length}`)) });
    const done = s.start();
    await log.waitFor(is('next', 'google', (e) => e.at === '2026-03-02T12:05:00.000Z'));
    expect(calls).toEqual([]);
    clock.set('2026-03-02T12:05:00Z');
    const finished: any = await log.waitFor(is('finished', 'google'));
    expect(finished.runId).toBe('r1');
    expect(finished.feeds[0]).toMatchObject({ feed: 'google', written: 3, read: 3, errors: 0 });
    expect(log.of('started')).toEqual([{ event: 'started', feed: 'google', due: '2026-03-02T12:05:00.000Z' }]);
    await log.waitFor(is('next', 'google', (e) => e.at === '2026-03-02T12:10:00.000Z'));
    clock.set('2026-03-02T12:10:00Z');
    await log.waitFor(is('finished', 'google', (e) => e.runId === 'r2'));
    s.stop();
    await done;
    expect(calls).toEqual(['google', 'google']);
    expect(log.events.at(-1)).toEqual({ event: 'stopped' });
  });

  it('reads the expression in the feed\'s time zone', async () => {
    const clock = new ManualClock(Date.parse('2026-07-01T00:00:00Z'));
    const log = new EventLog();
    const s = new Scheduler({ feeds: [{ id: 'meta', cron: '30 2 * * *', timezone: 'Europe/Berlin' }], clock, emit: log.emit, run: async (id) => recordOf(id, 'x') });
    const done = s.start();
    // 02:30 in Berlin in summer (UTC+2) is 00:30 UTC.
    await log.waitFor(is('next', 'meta', (e) => e.at === '2026-07-01T00:30:00.000Z'));
    s.stop();
    await done;
  });

  it('never runs two at once: a feed due while another runs waits; one due while itself runs is skipped', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T12:00:30Z'));
    const log = new EventLog();
    const runs = new Map<string, ReturnType<typeof deferred<void>>>();
    let active = 0;
    let maxActive = 0;
    const s = new Scheduler({
      feeds: [
        { id: 'a', cron: '* * * * *', timezone: 'UTC' },
        { id: 'b', cron: '*/2 * * * *', timezone: 'UTC' },
      ],
      clock,
      emit: log.emit,
      run: async (id) => {
        active++;
        maxActive = Math.max(maxActive, active);
        const d = deferred();
        runs.set(id, d);
        await d.promise;
        active--;
        return recordOf(id, `${id}-run`);
      },
    });
    const done = s.start();
    await log.waitFor(is('next', 'a', (e) => e.at === '2026-03-02T12:01:00.000Z'));
    clock.set('2026-03-02T12:01:00Z');
    await log.waitFor(is('started', 'a'));
    // 12:02: a is due again (still running: skipped) and b is due (queued behind a).
    await log.waitFor(is('next', 'b', (e) => e.at === '2026-03-02T12:02:00.000Z'));
    await log.waitFor(is('next', 'a', (e) => e.at === '2026-03-02T12:02:00.000Z'));
    clock.set('2026-03-02T12:02:00Z');
    await log.waitFor(is('skipped', 'a', (e) => e.reason === 'still running' && e.due === '2026-03-02T12:02:00.000Z'));
    await log.waitFor(is('next', 'b', (e) => e.at === '2026-03-02T12:04:00.000Z'));
    expect(log.of('started').map((e: any) => e.feed)).toEqual(['a']);
    runs.get('a')!.resolve();
    await log.waitFor(is('started', 'b'));
    const order = log.events.filter((e) => e.event === 'started' || e.event === 'finished').map((e: any) => `${e.event}:${e.feed}`);
    expect(order).toEqual(['started:a', 'finished:a', 'started:b']);
    runs.get('b')!.resolve();
    await log.waitFor(is('finished', 'b'));
    s.stop();
    await done;
    expect(maxActive).toBe(1);
  });

  it('on stop, lets the run in progress finish, drops the queue and only then resolves', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T12:00:30Z'));
    const log = new EventLog();
    const running = deferred();
    const calls: string[] = [];
    const s = new Scheduler({
      feeds: [
        { id: 'a', cron: '1 12 * * *', timezone: 'UTC' },
        { id: 'b', cron: '1 12 * * *', timezone: 'UTC' },
      ],
      clock,
      emit: log.emit,
      run: async (id) => {
        calls.push(id);
        await running.promise;
        return recordOf(id, `${id}-run`);
      },
    });
    let resolved = false;
    const done = s.start().then(() => {
      resolved = true;
    });
    await log.waitFor(is('next', 'b'));
    await log.waitFor(is('next', 'a'));
    clock.set('2026-03-02T12:01:00Z');
    await log.waitFor(is('started', 'a'));
    s.stop('SIGTERM');
    expect(log.events.find((e) => e.event === 'stopping')).toEqual({ event: 'stopping', signal: 'SIGTERM', waitingFor: 'a' });
    expect(log.events.find((e) => e.event === 'skipped')).toMatchObject({ feed: 'b', reason: 'shutting down' });
    expect(log.of('stopped')).toEqual([]);
    running.resolve();
    await done;
    expect(resolved).toBe(true);
    expect(calls).toEqual(['a']);
    const tail = log.events.slice(-2).map((e) => e.event);
    expect(tail).toEqual(['finished', 'stopped']);
  });

  it('reports a run lock held elsewhere as skipped and other errors as failed, and keeps going', async () => {
    const clock = new ManualClock(Date.parse('2026-03-02T12:00:30Z'));
    const log = new EventLog();
    let n = 0;
    const locked = Object.assign(new Error('another shelfcast run is in progress'), { locked: true });
    const s = new Scheduler({
      feeds: [{ id: 'a', cron: '* * * * *', timezone: 'UTC' }],
      clock,
      emit: log.emit,
      isLocked: (err) => (err as { locked?: boolean }).locked === true,
      run: async (id) => {
        n++;
        if (n === 1) throw locked;
        if (n === 2) throw new Error('catalog.csv: cannot read the file');
        return recordOf(id, 'ok');
      },
    });
    const done = s.start();
    for (const minute of ['01', '02', '03']) {
      await log.waitFor(is('next', 'a', (e) => e.at === `2026-03-02T12:${minute}:00.000Z`));
      clock.set(`2026-03-02T12:${minute}:00Z`);
    }
    await log.waitFor(is('finished', 'a'));
    s.stop();
    await done;
    expect(log.of('skipped')).toEqual([{ event: 'skipped', feed: 'a', due: '2026-03-02T12:01:00.000Z', reason: 'locked', detail: 'another shelfcast run is in progress' }]);
    expect(log.of('failed')).toEqual([{ event: 'failed', feed: 'a', error: 'catalog.csv: cannot read the file' }]);
  });
});

describe('the real clock', () => {
  it('returns at once for a time already past, and as soon as it is aborted', async () => {
    const { realClock } = await import('../../src/schedule/clock.js');
    await realClock.sleepUntil(new Date(0), new AbortController().signal);
    const abort = new AbortController();
    const sleeping = realClock.sleepUntil(new Date(Date.now() + 86_400_000), abort.signal);
    abort.abort();
    await expect(sleeping).resolves.toBeUndefined();
  });
});
