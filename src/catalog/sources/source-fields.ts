import type { MappedRow } from '../types.js';

/** Prefix of a field that names a source column no canonical field took (`extra.margin`). */
export const EXTRA_PREFIX = 'extra.';

/** The value of a canonical field, or of `extra.<column>`, in a mapped row. */
export function fieldValue(row: MappedRow, field: string): string | undefined {
  return field.startsWith(EXTRA_PREFIX) ? row.extra[field.slice(EXTRA_PREFIX.length)] : row.fields[field];
}

/** Sets a canonical field, or `extra.<column>`, of a mapped row. */
export function setFieldValue(row: MappedRow, field: string, value: string): void {
  if (field.startsWith(EXTRA_PREFIX)) row.extra[field.slice(EXTRA_PREFIX.length)] = value;
  else row.fields[field] = value;
}

/** Every non-empty field of a mapped row, canonical ones first, then `extra.<column>`. */
export function* rowValues(row: MappedRow): Generator<[string, string]> {
  for (const f in row.fields) {
    const v = row.fields[f]!;
    if (v !== '') yield [f, v];
  }
  for (const c in row.extra) {
    const v = row.extra[c]!;
    if (v !== '') yield [EXTRA_PREFIX + c, v];
  }
}
