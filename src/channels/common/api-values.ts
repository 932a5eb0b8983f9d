import { parseIsoDate } from '../../product/iso-date.js';
import type { FeedItem } from '../../transports/read-feed-records.js';

/**
 * Feed values as channel APIs take them. A built feed holds dates, shipping rows and weights as
 * text in the feed's syntax (which may change: ISO 8601 with or without offset, a date alone);
 * every API push converts them here, so the bodies follow whatever the feed holds.
 */

const DAY_MS = 86_400_000;

/** Milliseconds as an RFC 3339 timestamp in UTC (`2026-12-20T00:00:00Z`; milliseconds only when not zero). */
const stamp = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * An ISO 8601 date or date-time as an RFC 3339 timestamp, Z-normalised (what proto3 JSON writes
 * for a Timestamp, and what Meta and Pinterest read). A date alone is its midnight UTC; with
 * `end`, a date alone is the end of that day (the start of the next), as an interval's end.
 * Undefined when the text is no ISO 8601 date.
 */
export function rfc3339(text: string, end = false): string | undefined {
  const parsed = parseIsoDate(text);
  if (!parsed.ok) return undefined;
  return stamp(parsed.value.start + (end && parsed.value.dateOnly ? DAY_MS : 0));
}

/** `start/end` (ISO 8601) as two RFC 3339 timestamps; undefined unless both sides are dates. */
export function rfc3339Interval(text: string): { start: string; end: string } | undefined {
  const [from, to, extra] = text.split('/');
  if (from === undefined || to === undefined || extra !== undefined) return undefined;
  const start = rfc3339(from);
  const end = rfc3339(to, true);
  return start && end ? { start, end } : undefined;
}

/** One shipping row of a built feed, by Google's sub-attribute names; absent parts left out. */
export interface ShippingRow {
  country?: string;
  region?: string;
  postal_code?: string;
  service?: string;
  /** `4.95 USD`. */
  price: string;
  min_handling_time?: string;
  max_handling_time?: string;
  min_transit_time?: string;
  max_transit_time?: string;
}

const TIMES = ['min_handling_time', 'max_handling_time', 'min_transit_time', 'max_transit_time'] as const;

/** A text row `country:region:service:price[:4 times]`; a region holding a digit is a postal code. */
function textRow(text: string): ShippingRow | undefined {
  const parts = text.trim().split(':');
  if (parts.length !== 4 && parts.length !== 8) return undefined;
  const [country, place, service, price] = parts.map((p) => p.trim()) as [string, string, string, string];
  if (!price) return undefined;
  const row: ShippingRow = { price };
  if (country) row.country = country;
  if (place) row[/\d/.test(place) ? 'postal_code' : 'region'] = place;
  if (service) row.service = service;
  if (parts.length === 8) TIMES.forEach((t, i) => parts[4 + i]!.trim() && (row[t] = parts[4 + i]!.trim()));
  return row;
}

function objectRow(o: Record<string, string>): ShippingRow | undefined {
  if (!o.price) return undefined;
  const row: ShippingRow = { price: String(o.price) };
  for (const k of ['country', 'region', 'postal_code', 'service', ...TIMES] as const) if (o[k] !== undefined && o[k] !== '') row[k] = String(o[k]);
  return row;
}

/**
 * The shipping rows of a feed item: XML gives sub-elements (one object, or a list when repeated),
 * text feeds the `US::Standard:4.95 USD` syntax, several rows separated by a comma before a country.
 */
export function shippingRows(item: FeedItem): ShippingRow[] {
  const v = item.shipping;
  if (v === undefined || v === '') return [];
  const list = Array.isArray(v) ? v : [v];
  const rows: ShippingRow[] = [];
  const add = (row: ShippingRow | undefined) => row && rows.push(row);
  for (const entry of list) {
    // A comma starts a new row only before a country (or an empty one): `4,95 EUR` stays whole.
    if (typeof entry === 'string') for (const t of entry.split(/,\s*(?=[A-Za-z]{2}:|:)/)) add(textRow(t));
    else if (entry && typeof entry === 'object') add(objectRow(entry as Record<string, string>));
  }
  return rows;
}

/** A row in Google's text syntax (`US::Standard:4.95 USD`), times appended when given. */
export function shippingText(row: ShippingRow): string {
  const head = [row.country ?? '', row.region ?? row.postal_code ?? '', row.service ?? '', row.price];
  const times = TIMES.map((t) => row[t] ?? '');
  return (times.some(Boolean) ? [...head, ...times] : head).join(':');
}

/** `0.2 kg` -> { value: 0.2, unit: 'kg' }; undefined when not a number and a unit. */
export function weightOf(text: string | undefined): { value: number; unit: string } | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$/.exec(text ?? '');
  return m ? { value: Number(m[1]), unit: m[2]!.toLowerCase() } : undefined;
}
