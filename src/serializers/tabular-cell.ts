import type { FeedRecord, FieldValue } from '../channels/define-channel.js';
import { addPart } from './serializer.js';

/**
 * One field as a single cell: arrays joined with `,` (Google's convention for repeated attributes in
 * text feeds), objects as their values joined with `:` in key order (Google's shipping syntax
 * `US:CA:Overnight:16.00 USD`; channels keep empty positions as empty strings). `each` writes one
 * value of the list (default as it is; Google's quoted TSV quotes a value holding a comma).
 */
const asIs = (one: string): string => one;

/** Space or tab at either end: quoted so that readers that trim unquoted fields keep them. */
export const edgeSpace = (v: string): boolean => {
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(v.length - 1);
  return a === 32 || a === 9 || b === 32 || b === 9;
};

const QUOTE = /"/g;
/** `v` between double quotes, its quotes doubled (RFC 4180, and Google's quoted fields). */
export const quoted = (v: string): string => `"${v.replace(QUOTE, '""')}"`;

export function flattenValue(value: FieldValue | undefined, each: (one: string) => string = asIs): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return each(value);
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const v = value[i]!;
    if (i > 0) out += ',';
    if (typeof v === 'string') {
      out += each(v);
      continue;
    }
    let entry = '';
    let first = true;
    for (const key in v) {
      entry += first ? v[key] : `:${v[key]}`;
      first = false;
    }
    out += each(entry);
  }
  return out;
}

/**
 * bodyParts() of a delimited format (CSV, TSV): each column's value flattened and made a cell by
 * `cell`, separated by `delimiter`, the row ended by `eol`; in `repeated.columns` each value of a list
 * is written by `repeated.each`.
 */
export function delimitedBodyParts(
  columns: readonly string[],
  cell: (raw: string) => string,
  delimiter: string,
  eol: string,
  repeated?: { columns: ReadonlySet<string>; each: (one: string) => string },
): (record: FeedRecord, out: string[]) => void {
  const eachOf = columns.map((c) => (repeated?.columns.has(c) ? repeated.each : undefined));
  return (record, out) => {
    let pending = '';
    for (let i = 0; i < columns.length; i++) {
      pending = addPart(out, i > 0 ? pending + delimiter : pending, cell(flattenValue(record[columns[i]!], eachOf[i])));
    }
    out.push(pending + eol);
  };
}
