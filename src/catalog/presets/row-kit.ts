import { blankRecord } from '../../util/blank-record.js';
import type { Issue } from '../../issues/issue.js';
import type { MappedRow, RawRow } from '../types.js';

/** Column lists remembered by one PerColumns; a catalog with more variety rebuilds the oldest. */
const KEPT_LISTS = 64;

/**
 * Computes something from a row's column names once and reuses it while rows keep the same
 * columns (every CSV row does), so presets do no per-row header work. XML items leave out
 * different optional fields from one item to the next, so the last few dozen lists are kept:
 * rebuilding on every switch cost more than the mapping itself.
 */
export class PerColumns<T> {
  private keys: string[] | undefined;
  private value: T | undefined;
  private readonly kept = new Map<string, T>();
  constructor(private readonly build: (keys: string[]) => T) {}

  get(fields: Record<string, string>): T {
    const keys = Object.keys(fields);
    const prev = this.keys;
    let same = prev !== undefined && prev.length === keys.length;
    if (same) {
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] !== prev![i]) {
          same = false;
          break;
        }
      }
    }
    if (!same) {
      // JSON of the list: no two lists share it, whatever characters their names hold.
      const id = JSON.stringify(keys);
      let value = this.kept.get(id);
      if (value === undefined) {
        value = this.build(keys);
        if (this.kept.size >= KEPT_LISTS) this.kept.delete(this.kept.keys().next().value!);
        this.kept.set(id, value);
      }
      this.keys = keys;
      this.value = value;
    }
    return this.value!;
  }
}

/** Case- and spacing-insensitive form of a column name, for matching export headers. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** Finds the actual column for each wanted name (first match wins), case- and spacing-insensitive. */
export function findColumns<K extends string>(keys: string[], wanted: Record<K, readonly string[]>): Record<K, string | undefined> {
  const byNorm = new Map<string, string>();
  for (const k of keys) {
    const n = normalizeName(k);
    if (!byNorm.has(n)) byNorm.set(n, k);
  }
  const out = {} as Record<K, string | undefined>;
  for (const name of Object.keys(wanted) as K[]) {
    out[name] = undefined;
    for (const alias of wanted[name]) {
      const hit = byNorm.get(normalizeName(alias));
      if (hit !== undefined) {
        out[name] = hit;
        break;
      }
    }
  }
  return out;
}

/** The cell of a column, or '' when the column is absent. */
export function cell(fields: Record<string, string>, column: string | undefined): string {
  if (column === undefined) return '';
  return fields[column] ?? '';
}

/** Puts a value in the canonical fields unless it is empty. */
export function put(fields: Record<string, string>, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') fields[name] = value;
}

/** Columns the mapping did not consume, without empty cells. */
export function extraOf(raw: Record<string, string>, keys: string[], consumed: ReadonlySet<string>): Record<string, string> {
  const extra: Record<string, string> = blankRecord();
  for (const k of keys) {
    if (consumed.has(k)) continue;
    const v = raw[k];
    if (v !== undefined && v !== '') extra[k] = v;
  }
  return extra;
}

/**
 * Explicit `columns:` (canonical field -> source column) win over the preset: the source value is
 * taken (also when the preset consumed that column) and the column leaves `extra`.
 */
export function applyOverrides(raw: Record<string, string>, row: MappedRow, columns: Record<string, string> | undefined): void {
  if (!columns) return;
  for (const canonical in columns) {
    const source = columns[canonical]!;
    const value = raw[source];
    if (value === undefined) continue;
    if (value === '') delete row.fields[canonical];
    else row.fields[canonical] = value;
    delete row.extra[source];
  }
}

/** Makes a MappedRow, attaching the reader's issues and the preset's. */
export function mapped(raw: RawRow, fields: Record<string, string>, extra: Record<string, string>, issues?: Issue[]): MappedRow {
  const all = raw.issues && issues ? [...raw.issues, ...issues] : (raw.issues ?? issues);
  return all && all.length ? { row: raw.row, fields, extra, issues: all } : { row: raw.row, fields, extra };
}

/** Resolves a relative path or URL against the shop's base URL; absolute URLs and missing bases leave it as is. */
export function absolute(value: string, baseUrl: string | undefined, prefix = ''): string {
  if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return value;
  if (!baseUrl) return value;
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  const path = `${prefix}${value.startsWith('/') ? '' : '/'}${value}`;
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Splits a list cell on `sep`, trimming and dropping empty parts. */
export function splitList(value: string, sep: string | RegExp = ','): string[] {
  if (value === '') return [];
  const out: string[] = [];
  for (const part of value.split(sep)) {
    const t = part.trim();
    if (t) out.push(t);
  }
  return out;
}
