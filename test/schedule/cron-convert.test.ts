import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Cron } from 'croner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronFields, expandField, toOnCalendar, toUtcCron, utcOffsetMinutes } from '../../src/schedule/cron-convert.js';

const JAN = new Date('2026-01-15T12:00:00Z');
const JUL = new Date('2026-07-15T12:00:00Z');

const runs = (expr: string, timezone: string, n = 24, from = JAN): string[] =>
  new Cron(expr, { paused: true, timezone })
    .nextRuns(n, from)
    .map((d) => d.toISOString());

describe('cron fields', () => {
  it('reads nicknames, names and 6-field expressions, and refuses Quartz extensions', () => {
    expect(cronFields('@daily')).toMatchObject({ second: '0', minute: '0', hour: '0', dom: '*', dow: '*' });
    expect(cronFields('*/10 * * * * *')).toMatchObject({ second: '*/10', minute: '*' });
    expect(cronFields('0 9 * * mon-fri')).toMatchObject({ dow: 'mon-fri' });
    expect(cronFields('0 9 L * *')).toBeUndefined();
    expect(cronFields('0 9 * * 5#2')).toBeUndefined();
    expect(cronFields('0 9 * *')).toBeUndefined();
    expect(expandField('mon-wed,fri', 0, 7, ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'])).toEqual([1, 2, 3, 5]);
    expect(expandField('10-30/10', 0, 59)).toEqual([10, 20, 30]);
    expect(expandField('5/20', 0, 59)).toEqual([5, 25, 45]);
    expect(expandField('30-10', 0, 59)).toBeUndefined();
  });
});

describe('systemd OnCalendar', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['*/5 * * * *', undefined, '*-*-* *:00/5:00'],
    ['30 2 * * 1-5', 'Europe/Berlin', 'Mon,Tue,Wed,Thu,Fri *-*-* 02:30:00 Europe/Berlin'],
    ['0 3,15 1,15 * *', undefined, '*-*-01,15 03,15:00:00'],
    ['0 0 * * 0', undefined, 'Sun *-*-* 00:00:00'],
    ['0 6 * jan,jul sun', 'UTC', 'Sun *-01,07-* 06:00:00 UTC'],
    ['@hourly', undefined, '*-*-* *:00:00'],
    ['15 * * * * *', undefined, '*-*-* *:*:15'],
    // cron runs when EITHER day field matches; systemd wants both: no honest conversion.
    ['0 0 1 * 1', undefined, undefined],
    ['0 0 L * *', undefined, undefined],
  ];
  it.each(cases)('%s (%s) -> %s', (expr, tz, expected) => {
    expect(toOnCalendar(expr, tz)).toBe(expected);
  });

  it('gives the same next times as croner (checked with systemd-analyze where it is installed)', () => {
    if (!existsSync('/usr/bin/systemd-analyze')) {
      expect(toOnCalendar('0 3,15 1,15 * *')).toBe('*-*-01,15 03,15:00:00');
      return;
    }
    for (const [expr, tz, calendar] of cases) {
      if (!calendar) continue;
      const out = execFileSync('/usr/bin/systemd-analyze', ['calendar', '--iterations=5', '--base-time=2026-01-15 12:00:00 UTC', calendar], { env: { TZ: 'UTC' }, encoding: 'utf8' });
      const elapses = [...out.matchAll(/(?:Next elapse|Iter\. #\d+): \w{3} (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) UTC/g)].map((m) => `${m[1]!.replace(' ', 'T')}.000Z`);
      expect(elapses, `${expr} -> ${calendar}`).toEqual(runs(expr, tz ?? 'UTC', 5));
    }
  });
});

describe('UTC conversion for schedulers without time zones', () => {
  it('shifts hours (and minutes for half-hour zones) by the offset of the day', () => {
    expect(utcOffsetMinutes('Europe/Berlin', JAN)).toBe(60);
    expect(utcOffsetMinutes('Europe/Berlin', JUL)).toBe(120);
    expect(utcOffsetMinutes('Asia/Kolkata', JAN)).toBe(330);
    expect(utcOffsetMinutes('America/New_York', JAN)).toBe(-300);
    expect(toUtcCron('30 2 * * *', 'Europe/Berlin', JAN).cron).toBe('30 1 * * *');
    expect(toUtcCron('30 2 * * *', 'Europe/Berlin', JUL).cron).toBe('30 0 * * *');
    expect(toUtcCron('30 2 * * *', 'Europe/Berlin', JAN).note).toMatch(/daylight saving/);
    expect(toUtcCron('0 9 * * *', 'Asia/Kolkata', JAN)).toEqual({ cron: '30 3 * * *' });
    expect(toUtcCron('0 22 * * *', 'America/New_York', JAN).cron).toBe('0 3 * * *');
    expect(toUtcCron('*/15 * * * *', 'Asia/Tokyo', JAN)).toEqual({ cron: '0,15,30,45 * * * *' });
    expect(toUtcCron('0 4 * * *', 'UTC', JAN)).toEqual({ cron: '0 4 * * *' });
    expect(toUtcCron('0 4 * * *', undefined, JAN)).toEqual({ cron: '0 4 * * *' });
  });

  it('refuses what would land on another day or needs seconds', () => {
    expect(toUtcCron('0 0 * * 1', 'Europe/Berlin', JAN)).toEqual({ note: expect.stringMatching(/another day/) });
    expect(toUtcCron('*/10 * * * * *', 'UTC', JAN)).toEqual({ note: expect.stringMatching(/seconds/) });
    expect(toUtcCron('*/7 * * * *', 'Asia/Kolkata', JAN).cron).toBeUndefined();
  });

  it('property: a converted expression fires at the same instants in UTC as the original in its zone', () => {
    const num = (min: number, max: number) => fc.integer({ min, max }).map(String);
    const list = (min: number, max: number) => fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((a) => a.sort((x, y) => x - y).join(','));
    const minute = fc.oneof(num(0, 59), list(0, 59), fc.constantFrom('*/15', '*/20', '*/30', '*'));
    const hour = fc.oneof(num(0, 23), list(0, 23), fc.constantFrom('*', '*/2', '*/6', '9-17'));
    const days = fc.oneof(fc.constant('* * *'), fc.constantFrom('1,15 * *', '* * 1-5', '* 6 *'));
    const zone = fc.constantFrom('Asia/Tokyo', 'Asia/Kolkata', 'America/Bogota', 'Australia/Brisbane', 'UTC');
    fc.assert(
      fc.property(minute, hour, days, zone, (m, h, d, tz) => {
        const expr = `${m} ${h} ${d}`;
        const r = toUtcCron(expr, tz, JAN);
        if (!r.cron) return;
        expect(runs(r.cron, 'UTC'), `${expr} in ${tz} -> ${r.cron}`).toEqual(runs(expr, tz));
      }),
      { numRuns: 60 },
    );
  });
});
