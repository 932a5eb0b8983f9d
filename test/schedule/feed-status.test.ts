import { describe, expect, it } from 'vitest';
import { feedStatus } from '../../src/schedule/feed-status.js';
import { recordOf } from './manual-clock.js';

const at = (iso: string, status: 'written' | 'failed' | 'refused' = 'written') => {
  const r = recordOf('google', `run-${iso}`);
  r.startedAt = iso;
  r.feeds[0]!.status = status;
  return r;
};
const hourly = { id: 'google', cron: '0 * * * *', timezone: 'UTC' };
const now = new Date('2026-03-02T12:30:00Z');

describe('feed status', () => {
  it('is ok right after a run, due once a scheduled time passed, late after two', () => {
    expect(feedStatus('google', hourly, [at('2026-03-02T12:00:05Z')], now)).toMatchObject({ state: 'ok', missed: 0, next: '2026-03-02T13:00:00.000Z' });
    expect(feedStatus('google', hourly, [at('2026-03-02T11:10:00Z')], now)).toMatchObject({ state: 'due', missed: 1 });
    expect(feedStatus('google', hourly, [at('2026-03-02T09:10:00Z')], now)).toMatchObject({ state: 'late', missed: 3 });
  });

  it('is failing when the last run failed or was refused, whatever the schedule', () => {
    expect(feedStatus('google', hourly, [at('2026-03-02T12:00:05Z', 'failed'), at('2026-03-02T11:00:05Z')], now).state).toBe('failing');
    expect(feedStatus('google', undefined, [at('2026-03-02T12:00:05Z', 'refused')], now).state).toBe('failing');
  });

  it('knows feeds that never ran, with and without a schedule', () => {
    expect(feedStatus('google', hourly, [], now)).toMatchObject({ state: 'never', next: '2026-03-02T13:00:00.000Z' });
    expect(feedStatus('google', undefined, [], now)).toEqual({ feed: 'google', state: 'unscheduled' });
    expect(feedStatus('meta', undefined, [at('2026-03-02T12:00:05Z')], now).state).toBe('unscheduled');
  });

  it('describes the last run', () => {
    expect(feedStatus('google', undefined, [at('2026-03-02T12:00:05Z')], now).last).toEqual({ runId: 'run-2026-03-02T12:00:05Z', command: 'run', at: '2026-03-02T12:00:05Z', status: 'written', items: 3, errors: 0 });
  });
});
