import { warning, type Issue } from '../issues/issue.js';
import { IdTable } from './id-table.js';

const LISTED = 10;

/**
 * Remembers the first row of every id (in a compact IdTable that writes older ids to a temporary
 * file, nothing else per product), so that every later row with the same id can be rejected and
 * the first one told about them at the end.
 */
export class DuplicateIds {
  private readonly firstRow = new IdTable();
  private readonly repeats = new Map<string, { first: number; rows: number[] }>();

  /** Records `id` at `row`; returns the row of its first occurrence when the id was seen before. */
  see(id: string, row: number): number | undefined {
    const first = this.firstRow.firstOrAdd(id, row);
    if (first === undefined) return undefined;
    const seen = this.repeats.get(id);
    if (seen) seen.rows.push(row);
    else this.repeats.set(id, { first, rows: [row] });
    return first;
  }

  /** One warning per duplicated id, on its first row, naming the rows that were rejected. */
  finish(): Issue[] {
    // Every row has been seen: the table's temporary file can go.
    this.firstRow.close();
    const issues: Issue[] = [];
    for (const [id, { first, rows }] of this.repeats) {
      const listed = rows.slice(0, LISTED).join(', ') + (rows.length > LISTED ? ` and ${rows.length - LISTED} more` : '');
      const fix = 'Give every product and every variant its own id (variants share item_group_id instead).';
      issues.push(
        warning('id.duplicate', `id ${JSON.stringify(id)} is used again on row${rows.length > 1 ? 's' : ''} ${listed}: this row is kept, those are rejected. ${fix}`, {
          id,
          row: first,
          field: 'id',
          fix,
        }),
      );
    }
    return issues;
  }
}
