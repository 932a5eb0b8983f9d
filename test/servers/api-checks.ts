/**
 * Checks the channel APIs make on values of every body, shared by the loopback servers: they
 * answer such mistakes with a refusal, as the real APIs do, not only with a recorded violation.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 timestamp (`2026-12-20T00:00:00Z`): date, time with seconds, and a zone; a date alone is not one. */
export function isRfc3339(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && s < 61;
}

/** Problems of an interval `{startTime, endTime}` (google.type.Interval): RFC 3339 both, the end after the start. */
export function intervalProblems(value: unknown, start = 'startTime', end = 'endTime'): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ['is not an object'];
  const o = value as Record<string, unknown>;
  const out = Object.keys(o).filter((k) => k !== start && k !== end).map((k) => `has no field ${k}`);
  for (const k of [start, end]) if (o[k] !== undefined && !isRfc3339(o[k])) out.push(`${k} "${String(o[k])}" is not an RFC 3339 timestamp`);
  if (isRfc3339(o[start]) && isRfc3339(o[end]) && Date.parse(String(o[end])) <= Date.parse(String(o[start]))) out.push(`${end} is not after ${start}`);
  return out;
}

/** Problems of a text field: not a string, or longer than `max` characters. */
export function textProblems(name: string, value: unknown, max: number): string[] {
  if (typeof value !== 'string') return [`${name} is not a string`];
  return [...value].length > max ? [`${name} has ${[...value].length} characters (at most ${max})`] : [];
}
