import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import type { Issue } from '../issues/issue.js';
import type { CatalogSource, RawRow } from './types.js';
import { hasReplacement, type TextDecoding } from './decode-text.js';
import { detectDelimiter, firstLine } from './detect-delimiter.js';
import { normalizeHeader, type Header } from './csv-header.js';
import { CsvRowBuilder } from './csv-rows.js';
import { catalogError } from './source-error.js';
import { invalidHeader } from './record-issues.js';
import { csvParseOptions, csvRecordBatches } from './fast-csv/read-records.js';

/** How far the header line is looked for. */
export const PEEK_LIMIT = 1024 * 1024;

/** The start of a CSV as text, without a byte order mark: where its header line is looked for. */
export const headText = (bytes: Buffer): string => bytes.toString('utf8', 0, Math.min(bytes.length, PEEK_LIMIT)).replace(/^\uFEFF/, '');

/** How the header line says to read a CSV: its delimiter, and whether Excel's `sep=` line comes first. Fails on an empty catalog. */
export function csvLayout(source: CatalogSource, tsv: boolean, head: string): { delimiter: string; excelSep: boolean } {
  if (head.trim() === '') throw catalogError(source.location, 'is empty (no header row)', 'Export the catalog again with a header row.');
  const line = firstLine(head) ?? head;
  return { delimiter: delimiterFor(source, tsv, line), excelSep: EXCEL_SEP.test(line) };
}

/** A catalog whose records never complete a header row. */
export const noHeaderRow = (location: string): Error => catalogError(location, 'has no header row', 'Export the catalog again with a header row.');

/**
 * Reads enough bytes to see the header line, then hands back its text and all the bytes. The
 * bytes go to csv-parse undecoded: it decodes each field itself, which saves a decode-encode pass.
 */
export async function peekHeader(bytes: AsyncGenerator<Buffer>): Promise<{ head: string; rest: AsyncIterable<Buffer> }> {
  const peeked: Buffer[] = [];
  let head = '';
  while (firstLine(head) === undefined && head.length < PEEK_LIMIT) {
    const next = await bytes.next();
    if (next.done) break;
    peeked.push(next.value);
    head = headText(Buffer.concat(peeked));
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* peeked;
    yield* bytes;
  }
  return { head, rest: rest() };
}

/** The header record's column names and problems (bad bytes in it garble names: a warning). */
export function readHeader(record: string[], invalidSeen: boolean): Header {
  const header = normalizeHeader(record);
  if (invalidSeen && record.some(hasReplacement)) header.issues.push(invalidHeader());
  return header;
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
  const { delimiter, excelSep } = csvLayout(source, tsv, head);
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
  let rows: CsvRowBuilder | undefined;
  let headerIssues: Issue[] | undefined;
  let row = 0;
  try {
    for await (const batch of batches) {
      for (const record of batch) {
        row++;
        if (row === 1) {
          const header = readHeader(record, decoding.invalidSeen);
          rows = new CsvRowBuilder(header.names);
          if (header.issues.length) headerIssues = header.issues;
          continue;
        }
        const raw = rows!.build(record, row, decoding.invalidSeen);
        if (!raw) continue;
        if (headerIssues) {
          // Problems of the header are reported with the first product.
          raw.issues = raw.issues ? [...headerIssues, ...raw.issues] : headerIssues;
          headerIssues = undefined;
        }
        yield raw;
      }
    }
  } catch (cause) {
    throw csvReadError(source.location, tsv, row + 1, cause);
  }
  if (row === 0) throw noHeaderRow(source.location);
}

/** A CSV that cannot be read on from `row` (a run-level failure; ShelfcastErrors pass unchanged). */
export function csvReadError(location: string, tsv: boolean, row: number, cause: unknown): Error {
  if (cause instanceof Error && cause.name === 'ShelfcastError') return cause;
  return catalogError(
    location,
    `is not readable as ${tsv ? 'TSV' : 'CSV'} near row ${row}: ${(cause as Error).message}`,
    'Check that row for a quote that is not closed, or set catalog.format.',
    cause,
  );
}
