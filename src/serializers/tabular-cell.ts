import type { FeedRecord, FieldValue } from '../channels/define-channel.js';
import { addPart, bodyFromParts, type Serializer } from './serializer.js';
import { recentCallsForLong } from '../util/last-call.js';

/**
 * One field as a single cell: arrays joined with `,` (Google's convention for repeated attributes in
 * text feeds), objects as their values joined with `:` in key order (Google's shipping syntax
 * `US:CA:Overnight:16.00 USD`; channels keep empty positions as empty strings).
 */
export function flattenValue(value: FieldValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const v = value[i]!;
    if (i > 0) out += ',';
    out += typeof v === 'string' ? v : subAttributes(v);
  }
  return out;
}

/** One entry of a repeated attribute with sub-attributes, its values joined with `:` in key order. */
export function subAttributes(entry: Readonly<Record<string, string>>): string {
  let out = '';
  let first = true;
  for (const key in entry) {
    out += first ? entry[key] : `:${entry[key]}`;
    first = false;
  }
  return out;
}

/**
 * A column's finished cell when the format writes that column its own way (Google's repeated
 * attributes, quoted value by value), or undefined for the usual flattened and quoted cell.
 */
export type OwnCell = (column: string, value: FieldValue | undefined) => string | undefined;

/**
 * bodyParts() of a delimited format (CSV, TSV): each column's value flattened and made a cell by
 * `cell`, separated by `delimiter`, the row ended by `eol`.
 */
export function delimitedBodyParts(columns: readonly string[], cell: (raw: string) => string, delimiter: string, eol: string, own?: OwnCell): (record: FeedRecord, out: string[]) => void {
  return (record, out) => {
    let pending = '';
    for (let i = 0; i < columns.length; i++) {
      const value = record[columns[i]!];
      const text = (own && own(columns[i]!, value)) ?? cell(flattenValue(value));
      pending = addPart(out, i > 0 ? pending + delimiter : pending, text);
    }
    out.push(pending + eol);
  };
}

/**
 * The cell functions in use, one per way of quoting (`key`: the format and its options): feeds
 * that quote the same way share one, and with it its memo of recent long values. Every row goes
 * through every feed in turn, so the description that Meta, TikTok and idealo all write as the
 * same CSV cell is quoted once per row instead of three times.
 */
const cells = new Map<string, (raw: string) => string>();

/**
 * Recent long values remembered per cell function: a row's description, and between two feeds'
 * uses of it one more long value (Meta's rich_text_description).
 */
const RECENT_LONG = 2;

/** The shared cell function for `key`, made by `make` (a pure function of the value) the first time. */
export function sharedCell(key: string, make: () => (raw: string) => string): (raw: string) => string {
  let cell = cells.get(key);
  if (cell === undefined) {
    const remembered = recentCallsForLong(make(), RECENT_LONG);
    cell = (raw) => (raw === '' ? raw : remembered(raw));
    cells.set(key, cell);
  }
  return cell;
}

/**
 * A delimited-format serializer (CSV, TSV): `cell` (from sharedCell) turns one flattened value into
 * its cell, a header row from `columns`; `own` writes the columns the format treats its own way.
 */
export function delimitedSerializer(columns: readonly string[], cell: (raw: string) => string, delimiter: string, eol: string, own?: OwnCell): Serializer {
  const bodyParts = delimitedBodyParts(columns, cell, delimiter, eol, own);
  return {
    header: () => columns.map(cell).join(delimiter) + eol,
    body: bodyFromParts(bodyParts),
    bodyParts,
    footer: () => '',
  };
}
