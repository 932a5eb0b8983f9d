/** Standard cron nicknames, as croner and cron(8) read them. */
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SYSTEMD_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface CronFields {
  second: string;
  minute: string;
  hour: string;
  dom: string;
  month: string;
  dow: string;
}

/** The six fields of an expression (seconds `0` when it has five); undefined for forms cron(8) lacks. */
export function cronFields(expr: string): CronFields | undefined {
  const text = NICKNAMES[expr.trim().toLowerCase()] ?? expr.trim();
  const parts = text.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [second, minute, hour, dom, month, dow] = parts.length === 6 ? parts : ['0', ...parts];
  const fields = { second: second!, minute: minute!, hour: hour!, dom: dom!, month: month!.toLowerCase(), dow: dow!.toLowerCase() };
  // L, W, # and ? are croner (Quartz) extensions that neither cron(8) nor systemd read.
  const withoutNames = (f: string) => f.replace(/[a-z]{3}/g, (n) => (MONTHS.includes(n) || DAYS.includes(n) ? '0' : n));
  if (Object.values(fields).some((f) => /[lw#?]/i.test(withoutNames(f.toLowerCase())))) return undefined;
  return fields;
}

/** Every value a field matches, or undefined if it is not plain numbers, ranges and steps. */
export function expandField(field: string, min: number, max: number, names: string[] = []): number[] | undefined {
  const values = new Set<number>();
  const num = (s: string): number | undefined => {
    const named = names.indexOf(s.toLowerCase());
    const n = named >= 0 ? named + (min === 1 ? 1 : 0) : /^\d+$/.test(s) ? Number(s) : NaN;
    return Number.isNaN(n) ? undefined : n;
  };
  for (const part of field.split(',')) {
    const m = /^(\*|([a-z0-9]+)(?:-([a-z0-9]+))?)(?:\/(\d+))?$/i.exec(part);
    if (!m) return undefined;
    const step = m[4] ? Number(m[4]) : 1;
    let lo = min;
    let hi = max;
    if (m[1] !== '*') {
      const a = num(m[2]!);
      const b = m[3] !== undefined ? num(m[3]) : m[4] ? max : a;
      if (a === undefined || b === undefined || a > b) return undefined;
      lo = a;
      hi = b;
    }
    if (step < 1) return undefined;
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return [...values].sort((x, y) => x - y);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A systemd calendar component: `*`, `00/15`, `1..5` or a list. */
function calendarPart(field: string, min: number, max: number, names: string[] = []): string | undefined {
  if (field === '*') return '*';
  const step = /^\*\/(\d+)$/.exec(field);
  if (step) return `${pad(min)}/${Number(step[1])}`;
  const values = expandField(field, min, max, names);
  return values?.map(pad).join(',');
}

/**
 * The systemd `OnCalendar=` form of a cron expression, with the time zone appended; undefined when
 * the two cannot say the same thing (cron runs when day-of-month OR weekday matches, systemd wants
 * both).
 */
export function toOnCalendar(expr: string, timezone?: string): string | undefined {
  const f = cronFields(expr);
  if (!f) return undefined;
  if (f.dom !== '*' && f.dow !== '*') return undefined;
  const parts = [calendarPart(f.second, 0, 59), calendarPart(f.minute, 0, 59), calendarPart(f.hour, 0, 23), calendarPart(f.dom, 1, 31), calendarPart(f.month, 1, 12, MONTHS)];
  if (parts.some((p) => p === undefined)) return undefined;
  const [second, minute, hour, dom, month] = parts as string[];
  let days = '';
  if (f.dow !== '*') {
    const d = expandField(f.dow, 0, 7, DAYS);
    if (!d) return undefined;
    days = `${[...new Set(d.map((x) => x % 7))].sort().map((x) => SYSTEMD_DAYS[x]).join(',')} `;
  }
  return `${days}*-${month}-${dom} ${hour}:${minute}:${second}${timezone ? ` ${timezone}` : ''}`;
}

/** Minutes the zone is ahead of UTC at `at` (Intl's `GMT+05:30` form). */
export function utcOffsetMinutes(timezone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Zones whose offset differs between January and July observe daylight saving time. */
export const observesDst = (timezone: string, at: Date): boolean =>
  utcOffsetMinutes(timezone, new Date(Date.UTC(at.getUTCFullYear(), 0, 1))) !== utcOffsetMinutes(timezone, new Date(Date.UTC(at.getUTCFullYear(), 6, 1)));

const isUtc = (tz: string | undefined): boolean => !tz || /^(utc|etc\/utc|gmt|etc\/gmt|zulu|etc\/zulu)$/i.test(tz);

/** Numbers back to a cron field: `*` for every value, else a list. */
const field = (values: number[], min: number, max: number): string => (values.length === max - min + 1 ? '*' : values.join(','));

/**
 * A 5-field expression in UTC for schedulers that know no time zone (GitHub Actions), using the
 * zone's offset at `at`. `note` explains a daylight-saving shift; no `cron` when the expression
 * would need a different day after the shift.
 */
export function toUtcCron(expr: string, timezone: string | undefined, at: Date): { cron?: string; note?: string } {
  const f = cronFields(expr);
  if (!f) return { note: `"${expr}" uses a form cron(8) does not read` };
  if (f.second !== '0') return { note: `"${expr}" has a seconds field; cron runs at most once a minute` };
  const plain = `${f.minute} ${f.hour} ${f.dom} ${f.month} ${f.dow}`;
  if (isUtc(timezone)) return { cron: plain };
  const off = utcOffsetMinutes(timezone!, at);
  const dst = observesDst(timezone!, at)
    ? `converted with the offset of ${timezone} on ${at.toISOString().slice(0, 10)}; ${timezone} changes its offset for daylight saving time and the scheduler does not, so the run moves by an hour when the clocks change`
    : undefined;
  if (off === 0) return { cron: plain, ...(dst ? { note: dst } : {}) };
  const minutes = expandField(f.minute, 0, 59);
  const hours = expandField(f.hour, 0, 23);
  if (!minutes || !hours) return { note: `cannot convert "${expr}" from ${timezone} to UTC; write the expression in UTC` };
  const shifts = new Set(minutes.map((m) => Math.floor((m - off) / 60)));
  if (shifts.size !== 1) return { note: `cannot convert "${expr}" from ${timezone} to UTC (its offset is not whole hours); write the expression in UTC` };
  const hourShift = [...shifts][0]!;
  const newMinutes = minutes.map((m) => (((m - off) % 60) + 60) % 60).sort((a, b) => a - b);
  const shifted = hours.map((h) => h + hourShift);
  const daysRestricted = f.dom !== '*' || f.dow !== '*' || f.month !== '*';
  if (daysRestricted && shifted.some((h) => h < 0 || h > 23)) {
    return { note: `cannot convert "${expr}" from ${timezone} to UTC: the run would fall on another day in UTC; write the expression in UTC` };
  }
  const newHours = [...new Set(shifted.map((h) => ((h % 24) + 24) % 24))].sort((a, b) => a - b);
  return { cron: `${field(newMinutes, 0, 59)} ${field(newHours, 0, 23)} ${f.dom} ${f.month} ${f.dow}`, ...(dst ? { note: dst } : {}) };
}
