import { warning, type Issue } from '../issues/issue.js';

const LISTED = 10;

/**
 * Remembers the first row of every id (a Map of ids, nothing else per product), so that every
 * later row with the same id can be rejected and the first one told about them at the end.
 */
export class DuplicateIds {
  private readonly firstRow = new Map<string, number>();
  private readonly repeats = new Map<string, number[]>();

  /** Records `id` at `row`; returns the row of its first occurrence when the id was seen before. */
  see(id: string, row: number): number | undefined {
    const first = this.firstRow.get(id);
    if (first === undefined) {
      this.firstRow.set(id, row);
      return undefined;
    }
    const rows = this.repeats.get(id);
    if (rows) rows.push(row);
    else this.repeats.set(id, [row]);
    return first;
  }

  /** One warning per duplicated id, on its first row, naming the rows that were rejected. */
  finish(): Issue[] {
    const issues: Issue[] = [];
    for (const [id, rows] of this.repeats) {
      const listed = rows.slice(0, LISTED).join(', ') + (rows.length > LISTED ? ` and ${rows.length - LISTED} more` : '');
      const fix = 'Give every product and every variant its own id (variants share item_group_id instead).';
      issues.push(
        warning('id.duplicate', `id ${JSON.stringify(id)} is used again on row${rows.length > 1 ? 's' : ''} ${listed}: this row is kept, those are rejected. ${fix}`, {
          id,
          row: this.firstRow.get(id),
          field: 'id',
          fix,
        }),
      );
    }
    return issues;
  }
}
