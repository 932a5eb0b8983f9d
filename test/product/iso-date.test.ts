import { describe, expect, it } from 'vitest';
import { parseIsoDate, parseIsoInterval } from '../../src/product/iso-date.js';

describe('parseIsoDate', () => {
  it.each([
    ['2025-03-01', '2025-03-01', Date.UTC(2025, 2, 1)],
    ['2024-02-29', '2024-02-29', Date.UTC(2024, 1, 29)],
    ['2000-02-29', '2000-02-29', Date.UTC(2000, 1, 29)],
    ['2025-03-01T13:00', '2025-03-01T13:00', Date.UTC(2025, 2, 1, 13)],
    ['2025-03-01T13:00:30Z', '2025-03-01T13:00:30Z', Date.UTC(2025, 2, 1, 13, 0, 30)],
    ['2025-03-01T13:00:30.123Z', '2025-03-01T13:00:30.123Z', Date.UTC(2025, 2, 1, 13, 0, 30)],
    ['2025-03-01T13:00+01:00', '2025-03-01T13:00+01:00', Date.UTC(2025, 2, 1, 12)],
    ['2025-03-01T13:00+0100', '2025-03-01T13:00+0100', Date.UTC(2025, 2, 1, 12)],
    ['2025-03-01T13:00-05', '2025-03-01T13:00-05', Date.UTC(2025, 2, 1, 18)],
    ['2025-03-01 13:00:00', '2025-03-01T13:00:00', Date.UTC(2025, 2, 1, 13)],
    [' 2025-03-01 ', '2025-03-01', Date.UTC(2025, 2, 1)],
  ])('%j', (text, normalised, start) => {
    const r = parseIsoDate(text);
    expect(r.ok && r.value).toEqual({ text: normalised, start, dateOnly: normalised.length === 10 });
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-01T24:00',
    '2025-01-01T12:60',
    '2025-01-01T12:00:60',
    '2025-01-01T12:00+15:00',
    '01/03/2025',
    '2025-3-1',
    '20250301',
    '2025-03-01T',
    'tomorrow',
    '',
  ])('refuses %j', (text) => {
    const r = parseIsoDate(text);
    expect(r.ok ? 'accepted' : r.code).toBe('invalid');
  });
});

describe('parseIsoInterval', () => {
  it.each([
    ['2025-03-01T00:00+01:00/2025-03-15T23:59+01:00', '2025-03-01T00:00+01:00/2025-03-15T23:59+01:00'],
    ['2025-03-01/2025-03-15', '2025-03-01/2025-03-15'],
    ['2025-05-01/2025-05-01', '2025-05-01/2025-05-01'],
    ['2025-03-01 00:00:00/2025-03-02 00:00:00', '2025-03-01T00:00:00/2025-03-02T00:00:00'],
    ['2025-03-01T10:00+02:00/2025-03-01T09:00Z', '2025-03-01T10:00+02:00/2025-03-01T09:00Z'],
  ])('%j', (text, expected) => {
    const r = parseIsoInterval(text);
    expect(r.ok ? r.value : r.code).toBe(expected);
  });

  it.each([
    ['2025-03-15/2025-03-01', 'order'],
    ['2025-03-01T10:00Z/2025-03-01T10:00Z', 'order'],
    ['2025-03-01T10:00Z/2025-03-01T11:00+02:00', 'order'],
    ['2025-03-01', 'invalid'],
    ['2025-03-01/2025-03-02/2025-03-03', 'invalid'],
    ['2025-02-30/2025-03-02', 'invalid'],
    ['2025-03-01/never', 'invalid'],
  ])('refuses %j (%s)', (text, code) => {
    const r = parseIsoInterval(text);
    expect(r.ok ? 'accepted' : r.code).toBe(code);
  });

  it('says which side is wrong', () => {
    const r = parseIsoInterval('2025-03-01/2025-02-30');
    expect(!r.ok && r.reason).toMatch(/^end: /);
  });
});
