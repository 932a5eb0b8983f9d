import { warning, type Issue } from '../issues/issue.js';
import { isForbiddenKey } from './forbidden-keys.js';

export interface Header {
  /** Column names to read the cells under; null for a column that is not read. */
  names: (string | null)[];
  /** Problems with the header itself (row 1), reported with the first product. */
  issues: Issue[];
}

/**
 * Makes header names usable as keys: trimmed; an empty name becomes `column_N`; a repeated name
 * keeps its first column and the later ones become `name (2)`, `name (3)`...; each case is a warning.
 */
export function normalizeHeader(cells: string[]): Header {
  const issues: Issue[] = [];
  const names: (string | null)[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < cells.length; i++) {
    let name = cells[i]!.trim();
    const column = i + 1;
    if (name === '') {
      name = `column_${column}`;
      issues.push(
        warning('catalog.header.empty', `column ${column} has no name in the header; it is read as "${name}"`, {
          row: 1,
          field: name,
          fix: 'Give every column a name in the header row.',
        }),
      );
    }
    if (isForbiddenKey(name)) {
      names.push(null);
      issues.push(
        warning('catalog.header.forbidden', `column ${column} is named "${name}", which is not allowed; the column is ignored`, {
          row: 1,
          fix: 'Rename the column.',
        }),
      );
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      let n = 2;
      while (seen.has(`${name} (${n})`)) n++;
      const renamed = `${name} (${n})`;
      issues.push(
        warning(
          'catalog.header.duplicate',
          `columns ${first} and ${column} are both named "${name}"; the first is used, column ${column} is read as "${renamed}"`,
          { row: 1, field: name, fix: 'Rename or remove one of the columns, or map the one you want with `columns:`.' },
        ),
      );
      name = renamed;
    }
    seen.set(name, column);
    names.push(name);
  }
  return { names, issues };
}
