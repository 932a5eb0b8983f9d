import { blankRecord } from '../util/blank-record.js';
import { compileStores, key } from '../util/compiled-stores.js';
import { error, type Issue } from '../issues/issue.js';
import { hasReplacement } from './decode-text.js';
import { invalidUtf8 } from './record-issues.js';
import type { RawRow } from './types.js';

/**
 * Turns CSV records into rows under the header's column names. Shared by the streaming reader and
 * the worker threads of the parallel pass, so both read a record the same way.
 */
export class CsvRowBuilder {
  private readonly width: number;
  /** The fields of a record with at least one cell per column, one literal store per column. */
  private readonly fill: (record: string[]) => Record<string, string>;

  /** `names`: the normalised header; null for a column that is not read. */
  constructor(private readonly names: readonly (string | null)[]) {
    this.width = names.length;
    const stores = names.flatMap((name, i) => (name === null ? [] : [`f[${key(name)}] = record[${i}];`]));
    this.fill = compileStores('fillRow', { blankRecord }, ['record'], ['const f = blankRecord();', ...stores, 'return f;']);
  }

  /**
   * The row of `record` (spreadsheet row `row`), or undefined for a blank spreadsheet row (`,,,` or
   * a stray `\r`), which is counted but not read. With `invalidSeen` (invalid UTF-8 was met in the
   * file), cells holding U+FFFD are reported.
   */
  build(record: string[], row: number, invalidSeen: boolean): RawRow | undefined {
    if (isBlank(record)) return undefined;
    const { names, width } = this;
    let issues: Issue[] | undefined;
    if (record.length !== width && !onlyEmptyExtra(record, width)) {
      issues = [
        error(COLUMN_COUNT_CODE, `row ${row} has ${record.length} cells but the header has ${width} columns`, {
          row,
          fix: 'Check the row for a missing or extra delimiter, or a quote that is not closed.',
        }),
      ];
    }
    const n = Math.min(width, record.length);
    let fields: Record<string, string>;
    if (n === width) fields = this.fill(record);
    else {
      fields = blankRecord();
      for (let i = 0; i < n; i++) {
        const name = names[i];
        if (name !== null) fields[name!] = record[i]!;
      }
    }
    if (invalidSeen) {
      for (let i = 0; i < n; i++) {
        if (names[i] !== null && hasReplacement(record[i]!)) (issues ??= []).push(invalidUtf8(row, names[i]!));
      }
    }
    return issues ? { row, fields, issues } : { row, fields };
  }
}

/** The error of a row with more or fewer cells than the header: its cells are not where their columns are. */
export const COLUMN_COUNT_CODE = 'catalog.columns.count';

function isBlank(record: string[]): boolean {
  if (record[0] !== '' && record.length > 1) return false;
  for (const cell of record) if (cell.trim() !== '') return false;
  return true;
}

/** Trailing empty cells beyond the header (`a,b,,`) are a common export quirk, not an error. */
function onlyEmptyExtra(record: string[], width: number): boolean {
  if (record.length < width) return false;
  for (let i = width; i < record.length; i++) if (record[i] !== '') return false;
  return true;
}
