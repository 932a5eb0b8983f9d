import { parse } from 'csv-parse/sync';
import { ShelfcastError } from '../issues/issue.js';

/** `On Hand`, `on-hand` and `on_hand` are the same column. */
export const normalizeHeader = (h: string): string => h.trim().toLowerCase().replace(/[\s\-.]+/g, '_');

/** The delimiter used most in the header line among , ; tab and |. */
function detectDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const n = header.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/** A CSV/TSV file as rows keyed by normalized header; row numbers as in a spreadsheet (header = 1). */
export function readTable(text: string, file: string): Array<{ row: number; values: Record<string, string> }> {
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter: detectDelimiter(text.replace(/^\uFEFF/, '')), skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (cause) {
    throw new ShelfcastError(`${file}: not a readable CSV file: ${(cause as Error).message}`, { cause });
  }
  const [header, ...body] = records;
  if (!header) return [];
  const names = header.map(normalizeHeader);
  return body.map((cells, i) => {
    const values: Record<string, string> = {};
    names.forEach((n, j) => {
      if (n && values[n] === undefined) values[n] = cells[j] ?? '';
    });
    return { row: i + 2, values };
  });
}

/** The first of `aliases` present among `columns`, or undefined. */
export const pickColumn = (columns: readonly string[], aliases: readonly string[]): string | undefined =>
  aliases.find((a) => columns.includes(a));

/** A whole number of units >= 0 ("12"), or undefined. */
export function parseUnits(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^\+?\d+$/.test(value.trim())) return undefined;
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A plain JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON document, a JSON array, or NDJSON (one document per line), as a list of documents. */
export function readJsonDocuments(text: string, file: string): unknown[] {
  try {
    const doc: unknown = JSON.parse(text);
    return Array.isArray(doc) ? doc : [doc];
  } catch (first) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    try {
      return lines.map((l) => JSON.parse(l) as unknown);
    } catch {
      throw new ShelfcastError(`${file}: not valid JSON or NDJSON: ${(first as Error).message}`, { cause: first });
    }
  }
}

/** CSV/TSV by extension or by content (JSON starts with { or [). */
export const looksLikeJson = (text: string, file: string): boolean =>
  /\.(json|ndjson|jsonl)$/i.test(file) || (!/\.(csv|tsv|txt)$/i.test(file) && /^\uFEFF?\s*[[{]/.test(text));
