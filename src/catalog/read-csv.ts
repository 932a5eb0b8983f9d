import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { error, type Issue } from '../issues/issue.js';
import type { CatalogSource, RawRow } from './types.js';
import { hasReplacement, type TextDecoding } from './decode-text.js';
import { detectDelimiter, firstLine } from './detect-delimiter.js';
import { normalizeHeader } from './csv-header.js';
import { catalogError } from './source-error.js';
import { invalidHeader, invalidUtf8 } from './record-issues.js';
import { csvParseOptions, csvRecordBatches } from './fast-csv/read-records.js';

const PEEK_LIMIT = 1024 * 1024;

/**
 * Reads enough bytes to see the header line, then hands back its text and all the bytes. The
 * bytes go to csv-parse undecoded: it decodes each field itself, which saves a decode-encode pass.
 */
async function peekHeader(bytes: AsyncGenerator<Buffer>): Promise<{ head: string; rest: AsyncIterable<Buffer> }> {
  const peeked: Buffer[] = [];
  let head = '';
  while (firstLine(head) === undefined && head.length < PEEK_LIMIT) {
    const next = await bytes.next();
    if (next.done) break;
    peeked.push(next.value);
    head = Buffer.concat(peeked).toString('utf8').replace(/^\uFEFF/, '');
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* peeked;
    yield* bytes;
  }
  return { head, rest: rest() };
}

/** Excel writes `sep=;` as a first line to name the delimiter; it is not part of the table. */
const EXCEL_SEP = /^sep=(.)$/;

function delimiterFor(source: CatalogSource, tsv: boolean, line: string): string {
  if (tsv) return '\t';
  if (source.delimiter && source.delimiter !== 'auto') return source.delimiter === '\\t' ? '\t' : source.delimiter;
  return EXCEL_SEP.exec(line)?.[1] ?? detectDelimiter(line);
}

/** csv-parse, one record at a time: for Excel's `sep=` first line (from_line 2) and multi-character delimiters. */
async function* csvParseBatches(rest: AsyncIterable<Buffer>, delimiter: string, fromLine: number): AsyncGenerator<string[][]> {
  const parser = parse({ ...csvParseOptions(delimiter), from_line: fromLine });
  for await (const record of pipeline(Readable.from(rest), parser, () => {}) as AsyncIterable<string[]>) yield [record];
}

/**
 * CSV and TSV: every value a string, one RawRow per record. The fast scanner (equal to csv-parse,
 * which it falls back to for what it does not read) delivers records a batch per chunk; `reopen`
 * opens the catalog again for that fallback.
 */
export async function* readCsv(source: CatalogSource, text: TextDecoding, tsv: boolean, reopen?: () => TextDecoding): AsyncGenerator<RawRow> {
  const { head, rest } = await peekHeader(text.bytes());
  if (head.trim() === '') throw catalogError(source.location, 'is empty (no header row)', 'Export the catalog again with a header row.');
  const line = firstLine(head) ?? head;
  const delimiter = delimiterFor(source, tsv, line);
  const excelSep = EXCEL_SEP.test(line);
  // The decoding whose invalidSeen applies: the csv-parse fallback reads the file again.
  let decoding = text;
  const batches =
    excelSep || delimiter.length !== 1 || !reopen
      ? csvParseBatches(rest, delimiter, excelSep ? 2 : 1)
      : csvRecordBatches(rest, {
          delimiter,
          reopen: () => {
            decoding = reopen();
            return decoding.bytes();
          },
        });
  let names: (string | null)[] = [];
  let width = 0;
  let headerIssues: Issue[] | undefined;
  let row = 0;
  try {
    for await (const batch of batches) {
      for (const record of batch) {
        row++;
        if (row === 1) {
          const header = normalizeHeader(record);
          if (decoding.invalidSeen && record.some(hasReplacement)) header.issues.push(invalidHeader());
          names = header.names;
          width = names.length;
          if (header.issues.length) headerIssues = header.issues;
          continue;
        }
        // A row of empty cells (`,,,` or a stray `\r`) is a blank spreadsheet row: counted, not read.
        if (isBlank(record)) continue;
        let issues: Issue[] | undefined = headerIssues;
        headerIssues = undefined;
        if (record.length !== width && !onlyEmptyExtra(record, width)) {
          (issues ??= []).push(
            error('catalog.columns.count', `row ${row} has ${record.length} cells but the header has ${width} columns`, {
              row,
              fix: 'Check the row for a missing or extra delimiter, or a quote that is not closed.',
            }),
          );
        }
        const fields: Record<string, string> = Object.create(null);
        const n = Math.min(width, record.length);
        for (let i = 0; i < n; i++) {
          const name = names[i];
          if (name !== null) fields[name!] = record[i]!;
        }
        if (decoding.invalidSeen) {
          for (let i = 0; i < n; i++) {
            if (names[i] !== null && hasReplacement(record[i]!)) (issues ??= []).push(invalidUtf8(row, names[i]!));
          }
        }
        yield issues ? { row, fields, issues } : { row, fields };
      }
    }
  } catch (cause) {
    if (cause instanceof Error && cause.name === 'ShelfcastError') throw cause;
    throw catalogError(
      source.location,
      `is not readable as ${tsv ? 'TSV' : 'CSV'} near row ${row + 1}: ${(cause as Error).message}`,
      'Check that row for a quote that is not closed, or set catalog.format.',
      cause,
    );
  }
  if (row === 0) throw catalogError(source.location, 'has no header row', 'Export the catalog again with a header row.');
}

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
