import { accept, refuse, type Parsed, type Refusal } from './parse-result.js';

// Date, or date-time with optional seconds, fraction and offset. A space for `T` (as SQL and shop
// exports write it) is accepted and written back as `T`.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DAY_MS = 86_400_000;
const DATE_FIX = 'Write an ISO 8601 date such as 2025-03-01 or 2025-03-01T13:00+01:00.';

export interface IsoDate {
  /** The value, trimmed, with `T` between date and time. */
  text: string;
  /** Milliseconds since the epoch at its start (UTC when no offset is given). */
  start: number;
  /** True when only a date was given (then it lasts the whole day). */
  dateOnly: boolean;
}

/** An ISO 8601 date (`2025-03-01`) or date-time (`2025-03-01T13:00:00+01:00`), checked against the calendar. */
export function parseIsoDate(text: string): Parsed<IsoDate> {
  const s = text.trim();
  const m = DATE_TIME.exec(s);
  if (!m) return refuse('invalid', 'not an ISO 8601 date', DATE_FIX);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return refuse('invalid', 'no such date or time', DATE_FIX);
  }
  let offset = 0;
  const zone = m[7];
  if (zone !== undefined && zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = zone.length > 3 ? Number(zone.slice(-2)) : 0;
    if (hours > 14 || minutes > 59) return refuse('invalid', 'no such time zone offset', DATE_FIX);
    offset = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const start = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  const normalised = s.length > 10 && s[10] === ' ' ? `${s.slice(0, 10)}T${s.slice(11)}` : s;
  return accept({ text: normalised, start, dateOnly: m[4] === undefined });
}

/**
 * An ISO 8601 interval `start/end` (as sale_price_effective_date), each side a date or date-time,
 * the end after the start. A date-only end lasts the whole day, so `2025-05-01/2025-05-01` is one day.
 */
export function parseIsoInterval(text: string): Parsed<string> {
  const s = text.trim();
  const slash = s.indexOf('/');
  if (slash < 0 || s.indexOf('/', slash + 1) >= 0) {
    return refuse('invalid', 'not an ISO 8601 interval start/end', 'Write start/end, such as 2025-03-01T00:00+01:00/2025-03-15T23:59+01:00.');
  }
  const from = parseIsoDate(s.slice(0, slash));
  if (!from.ok) return side(from, 'start');
  const to = parseIsoDate(s.slice(slash + 1));
  if (!to.ok) return side(to, 'end');
  const end = to.value.dateOnly ? to.value.start + DAY_MS : to.value.start;
  if (end <= from.value.start) {
    return refuse('order', 'the end is not after the start', 'Swap the two dates or correct the end date.');
  }
  return accept(`${from.value.text}/${to.value.text}`);
}

const side = (r: Refusal, which: string): Refusal => ({ ...r, reason: `${which}: ${r.reason}` });

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
