/**
 * Dates as feeds write them: ISO 8601 with time, seconds and offset (`2025-03-01T00:00:00+01:00`),
 * which is also RFC 3339, so the same text serves feeds whose JSON Schema says `date-time` (Amazon)
 * and Google, whose examples write offsets with and without seconds. A catalog date without
 * a time starts at 00:00 in the feed's time zone; a date-time without an offset is read in that
 * zone. The end of a date-only interval end is 23:59:59 of that day, as Google reads a date-only
 * range ("from 12:00 am of the start date until 11:59 pm of the end date").
 */
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
export function feedDateTime(text: string, zone: string, endOfDay = false): string | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) {
    const time = endOfDay ? '23:59:59' : '00:00:00';
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), endOfDay ? 23 : 0, endOfDay ? 59 : 0, endOfDay ? 59 : 0);
    return `${date}T${time}${offsetText(wallOffset(zone, wall))}`;
  }
  const time = `${h}:${mi}:${s ?? '00'}`;
  if (z === 'Z') return `${date}T${time}Z`;
  if (z !== undefined) return `${date}T${time}${z[0]}${z.slice(1, 3)}:${z.length > 3 ? z.slice(-2) : '00'}`;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  return `${date}T${time}${offsetText(wallOffset(zone, wall))}`;
}

/** A catalog interval `start/end` (checked by parseIsoInterval) with both ends in the feed's form. */
export function feedInterval(text: string, zone: string): string | undefined {
  const [from, to, extra] = text.split('/');
  if (from === undefined || to === undefined || extra !== undefined) return undefined;
  const start = feedDateTime(from, zone);
  const end = feedDateTime(to, zone, true);
  return start && end ? `${start}/${end}` : undefined;
}
