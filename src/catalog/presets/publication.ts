import { issue } from '../../issues/issue.js';
import type { MappedRow, PresetOptions } from '../types.js';

/** The issue code of a product the shop does not publish (left out of every feed unless kept). */
export const UNPUBLISHED_CODE = 'catalog.unpublished';

/**
 * Marks `row` as a product the shop itself does not publish (a draft, an archived or hidden
 * product, a disabled one), so that the validator leaves it out of every feed with an info line and
 * the run counts it. `catalog.include_unpublished: true` keeps such products: then nothing is marked.
 * `state` says what the shop export holds, e.g. `Status "draft"`.
 */
export function markUnpublished(row: MappedRow, state: string, options: PresetOptions): MappedRow {
  if (options.includeUnpublished) return row;
  row.unpublished = state;
  const note = issue('info', UNPUBLISHED_CODE, `row ${row.row}: ${state}: the shop does not publish this product, so no feed does (its page would not exist)`, {
    row: row.row,
    fix: 'Publish it in the shop and export again, or set catalog.include_unpublished: true in shelfcast.yaml to keep unpublished products.',
  });
  if (row.fields.id) note.id = row.fields.id;
  row.issues = row.issues ? [...row.issues, note] : [note];
  return row;
}

/** A spreadsheet or shop boolean cell: `FALSE`, `false`, `0`, `no` are false; empty is unknown. */
export function isFalse(value: string): boolean {
  const v = value.trim().toLowerCase();
  return v === 'false' || v === '0' || v === 'no' || v === 'n';
}
