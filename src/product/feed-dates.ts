/**
 * Dates as feeds write them, in one of two styles a channel picks (`FeedDateStyle`):
 * - `seconds` (the default): ISO 8601 with time, seconds and offset (`2025-03-01T00:00:00+01:00`),
 *   which is also RFC 3339, so the same text serves feeds whose schema says `date-time` (Amazon's
 *   start_at/end_at, Pinterest's API example `2025-01-01T00:00:00.000000Z/...`);
 * - `minutes`: `YYYY-MM-DDThh:mm±hh:mm`, Meta's documented form of sale_price_effective_date
 *   ("YYYY-MM-DDT23:59+00:00/YYYY-MM-DDT23:59+00:00": 24-hour time to the minute, then the UTC
 *   offset -12:00 to +14:00) and Google's of availability_date and sale_price_effective_date
 *   ("YYYY-MM-DDThh:mm[±hhmm]", support.google.com/merchants/answer/6324470 and 6324460); seconds
 *   are dropped and `Z` is written +00:00.
 * A catalog date without a time starts at 00:00 in the feed's time zone; a date-time without an
 * offset is read in that zone. A date-only interval end is the last second (or minute)
 * of that day, as Google reads a date-only range ("from 12:00 am of the start date until 11:59 pm
 * of the end date").
 */
export type FeedDateStyle = 'seconds' | 'minutes';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of `zone` at the instant `ms`. */
function zoneOffset(zone: string, ms: number): number {
  let f = offsetFormats.get(zone);
  if (!f) offsetFormats.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })));
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const two = (n: number) => String(n).padStart(2, '0');
const offsetText = (minutes: number) => `${minutes < 0 ? '-' : '+'}${two(Math.floor(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;

/** The offset of the wall time `wall` (ms as if UTC) in `zone`: two passes settle it across a DST change. */
function wallOffset(zone: string, wall: number): number {
  const first = zoneOffset(zone, wall);
  return zoneOffset(zone, wall - first * 60_000);
}

/**
 * One catalog date (already checked by parseIsoDate) in the feed's form; `endOfDay` for the end of
 * an interval. Undefined for text that is not an ISO 8601 date.
 */
export function feedDateTime(text: string, zone: string, endOfDay = false, style: FeedDateStyle = 'seconds'): string | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  const date = `${y}-${mo}-${d}`;
  const clock = (hh: string, mm: string, ss: string) => (style === 'minutes' ? `${hh}:${mm}` : `${hh}:${mm}:${ss}`);
  if (h === undefined) {
    const time = endOfDay ? clock('23', '59', '59') : clock('00', '00', '00');
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), endOfDay ? 23 : 0, endOfDay ? 59 : 0, endOfDay ? 59 : 0);
    return `${date}T${time}${offsetText(wallOffset(zone, wall))}`;
  }
  const time = clock(h, mi!, s ?? '00');
  if (z === 'Z') return `${date}T${time}${style === 'minutes' ? '+00:00' : 'Z'}`;
  if (z !== undefined) return `${date}T${time}${z[0]}${z.slice(1, 3)}:${z.length > 3 ? z.slice(-2) : '00'}`;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return `${date}T${time}${offsetText(wallOffset(zone, wall))}`;
}

/** A catalog interval `start/end` (checked by parseIsoInterval) with both ends in the feed's form. */
export function feedInterval(text: string, zone: string, style: FeedDateStyle = 'seconds'): string | undefined {
  const [from, to, extra] = text.split('/');
  if (from === undefined || to === undefined || extra !== undefined) return undefined;
  const start = feedDateTime(from, zone, false, style);
  const end = feedDateTime(to, zone, true, style);
  return start && end ? `${start}/${end}` : undefined;
}

/** What a channel's docs say a written date looks like, with an example in `style` (one text for every channel page). */
export function feedDateFormat(style: FeedDateStyle = 'seconds', kind: 'date' | 'interval' = 'date'): string {
  const [start, end] = style === 'minutes' ? ['2026-12-01T00:00+01:00', '2026-12-31T23:59+01:00'] : ['2026-12-01T00:00:00+01:00', '2026-12-31T23:59:59+01:00'];
  return kind === 'interval'
    ? `ISO 8601 interval start/end with time and offset (${start}/${end}); a date alone runs from 00:00 to the end of the day in the feed's timezone`
    : `ISO 8601 date-time with offset (${start}); a date alone is 00:00 in the feed's timezone`;
}
