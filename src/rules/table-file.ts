import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ShelfcastError } from '../issues/issue.js';

export interface TableRow {
  /** Line of the row in the file (header = 1). */
  line: number;
  key: string;
  value: string;
}

export interface TableFile {
  /** Absolute path. */
  path: string;
  /** The first line, read as the header. */
  header?: TableRow;
  rows: TableRow[];
}

/** The delimiter of the header line: the first of `,` `;` tab it contains; default `,`. */
const delimiterOf = (text: string): string => {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  return [',', ';', '\t'].find((d) => first.includes(d)) ?? ',';
};

/**
 * Reads a two-column CSV table (header row, then key in the first column and value in the
 * second; more columns are ignored; `,`, `;` or tab as the header line shows) at compile time. `where` prefixes errors, e.g.
 * `feeds/google.yaml: rules[2].lookup.file`. Rows with an empty key are skipped.
 */
export function readTableFile(file: string, baseDir: string, where: string): TableFile {
  const full = path.resolve(baseDir, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new ShelfcastError(`${where}: cannot read ${file}: ${code} (the path is relative to the feed file)`, { cause });
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, delimiter: delimiterOf(text) }) as unknown as typeof records;
  } catch (cause) {
    throw new ShelfcastError(`${where}: ${file}: not a valid CSV file: ${(cause as Error).message}`, { cause });
  }
  const rows: TableRow[] = [];
  const [head] = records;
  const header = head && { line: head.info.lines, key: (head.record[0] ?? '').trim(), value: (head.record[1] ?? '').trim() };
  for (const { record, info } of records.slice(1)) {
    const key = (record[0] ?? '').trim();
    if (key === '') continue;
    if (record.length < 2) throw new ShelfcastError(`${where}: ${file} line ${info.lines}: expected two columns (key, value), found one`);
    rows.push({ line: info.lines, key, value: (record[1] ?? '').trim() });
  }
  return { path: full, header, rows };
}
