import { describe, expect, it } from 'vitest';
import { feedDateFormat, feedDateTime, feedInterval } from '../../src/product/feed-dates.js';

describe('feed dates: ISO 8601 with time and offset', () => {
  it('starts a date-only value at 00:00 in the feed time zone, with its offset on that day', () => {
    expect(feedDateTime('2025-03-01', 'UTC')).toBe('2025-03-01T00:00:00+00:00');
    expect(feedDateTime('2025-03-01', 'Europe/Berlin')).toBe('2025-03-01T00:00:00+01:00');
    expect(feedDateTime('2025-07-01', 'Europe/Berlin')).toBe('2025-07-01T00:00:00+02:00');
    expect(feedDateTime('2025-03-01', 'Asia/Kolkata')).toBe('2025-03-01T00:00:00+05:30');
    expect(feedDateTime('2025-11-02', 'America/New_York')).toBe('2025-11-02T00:00:00-04:00');
  });

  it('reads a date-time without offset in the feed time zone and keeps a given offset', () => {
    expect(feedDateTime('2025-03-01T10:00:30', 'America/New_York')).toBe('2025-03-01T10:00:30-05:00');
    expect(feedDateTime('2025-03-01 13:00', 'Europe/Berlin')).toBe('2025-03-01T13:00:00+01:00');
    expect(feedDateTime('2025-03-01T13:00-0800', 'Europe/Berlin')).toBe('2025-03-01T13:00:00-08:00');
    expect(feedDateTime('2025-03-01T13:00:00Z', 'Europe/Berlin')).toBe('2025-03-01T13:00:00Z');
    // 02:30 does not exist in Berlin on 2025-03-30 (clocks go 02:00 -> 03:00): the summer offset after the change.
    expect(feedDateTime('2025-03-30T03:30', 'Europe/Berlin')).toBe('2025-03-30T03:30:00+02:00');
    expect(feedDateTime('not a date', 'UTC')).toBeUndefined();
  });

  it('writes both ends of an interval; a date-only end lasts until 23:59:59 of that day, as Google reads it', () => {
    expect(feedInterval('2025-03-01/2025-03-15', 'Europe/Berlin')).toBe('2025-03-01T00:00:00+01:00/2025-03-15T23:59:59+01:00');
    expect(feedInterval('2025-03-20/2025-04-05', 'Europe/Berlin')).toBe('2025-03-20T00:00:00+01:00/2025-04-05T23:59:59+02:00');
    expect(feedInterval('2016-02-24T13:00-0800/2016-02-29T15:30-0800', 'UTC')).toBe('2016-02-24T13:00:00-08:00/2016-02-29T15:30:00-08:00');
    expect(feedInterval('2025-03-01', 'UTC')).toBeUndefined();
    // Google's limit for sale_price_effective_date is 51 characters.
    expect(feedInterval('2025-03-01T10:00:30/2025-03-15T10:00:30', 'Asia/Kolkata')!.length).toBeLessThanOrEqual(51);
  });
});

describe("feed dates to the minute (Meta's YYYY-MM-DDThh:mm±hh:mm)", () => {
  it('writes a date-only value at 00:00 and a date-only end at 23:59, offsets with a colon', () => {
    expect(feedDateTime('2025-03-01', 'Europe/Berlin', false, 'minutes')).toBe('2025-03-01T00:00+01:00');
    expect(feedInterval('2025-03-20/2025-04-05', 'Europe/Berlin', 'minutes')).toBe('2025-03-20T00:00+01:00/2025-04-05T23:59+02:00');
  });

  it('drops seconds and writes Z as +00:00, keeping other offsets', () => {
    expect(feedDateTime('2025-03-01T10:00:30', 'America/New_York', false, 'minutes')).toBe('2025-03-01T10:00-05:00');
    expect(feedDateTime('2025-03-01T13:00:00Z', 'Europe/Berlin', false, 'minutes')).toBe('2025-03-01T13:00+00:00');
    expect(feedDateTime('2025-03-01T13:00-0800', 'UTC', false, 'minutes')).toBe('2025-03-01T13:00-08:00');
    expect(feedInterval('2025-03-01', 'UTC', 'minutes')).toBeUndefined();
  });

  it('documents each style with an example of what it writes', () => {
    expect(feedDateFormat('minutes', 'interval')).toContain('2026-12-01T00:00+01:00/2026-12-31T23:59+01:00');
    expect(feedDateFormat('seconds', 'interval')).toContain(feedInterval('2026-12-01/2026-12-31', 'Europe/Berlin'));
    expect(feedDateFormat()).toContain(feedDateTime('2026-12-01', 'Europe/Berlin'));
  });
});
