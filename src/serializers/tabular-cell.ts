import type { FeedRecord, FieldValue } from '../channels/define-channel.js';
import { addPart, bodyFromParts, type Serializer } from './serializer.js';
import { lastCallForLong } from '../util/last-call.js';

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
    if (typeof v === 'string') {
      out += v;
      continue;
    }
    let first = true;
    for (const key in v) {
      out += first ? v[key] : `:${v[key]}`;
      first = false;
    }
  }
  return out;
}

/**
 * bodyParts() of a delimited format (CSV, TSV): each column's value flattened and made a cell by
 * `cell`, separated by `delimiter`, the row ended by `eol`.
 */
export function delimitedBodyParts(columns: readonly string[], cell: (raw: string) => string, delimiter: string, eol: string): (record: FeedRecord, out: string[]) => void {
  return (record, out) => {
    let pending = '';
    for (let i = 0; i < columns.length; i++) {
      pending = addPart(out, i > 0 ? pending + delimiter : pending, cell(flattenValue(record[columns[i]!])));
    }
    out.push(pending + eol);
  };
}

/**
 * A delimited-format serializer (CSV, TSV): `cellOf` turns one flattened value into its cell (it
 * runs for non-empty values only, remembered for the long ones), a header row from `columns`.
 */
export function delimitedSerializer(columns: readonly string[], cellOf: (raw: string) => string, delimiter: string, eol: string): Serializer {
  const remembered = lastCallForLong(cellOf);
  const cell = (raw: string): string => (raw === '' ? raw : remembered(raw));
  const bodyParts = delimitedBodyParts(columns, cell, delimiter, eol);
  return {
    header: () => columns.map(cell).join(delimiter) + eol,
    body: bodyFromParts(bodyParts),
    bodyParts,
    footer: () => '',
  };
}
