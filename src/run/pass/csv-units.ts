import type { Header } from '../../catalog/csv-header.js';
import { CsvRowBuilder } from '../../catalog/csv-rows.js';
import type { TextDecoding } from '../../catalog/decode-text.js';
import { firstLine } from '../../catalog/detect-delimiter.js';
import { csvParseBatches, MAX_RECORD_SIZE } from '../../catalog/fast-csv/read-records.js';
import { CsvScanner, UnsupportedCsv } from '../../catalog/fast-csv/scanner.js';
import { csvReadError, delimiterFor, EXCEL_SEP, peekHeader, readHeader } from '../../catalog/read-csv.js';
import { catalogError } from '../../catalog/source-error.js';
import type { CatalogSource, MappedRow, PresetMapper } from '../../catalog/types.js';
import type { Issue } from '../../issues/issue.js';
import type { BufferShelf } from './buffer-shelf.js';
import type { WorkUnit } from './units.js';

export interface CsvCutContext {
  source: CatalogSource;
  tsv: boolean;
  /** The catalog's bytes, and a way to open them again (for the csv-parse fallback). */
  decoding: TextDecoding;
  reopen: () => TextDecoding;
  /** Bytes of catalog per unit (the last record of a unit ends past it). */
  unitBytes: number;
  /** Rows per unit where the main thread reads the rows itself. */
  unitRows: number;
  nextSeq: () => number;
  /** Where the bytes of units come from (and go back to once their results are merged). */
  shelf: BufferShelf;
  /** The main thread's own preset mapper, for rows it reads itself. */
  mapper: PresetMapper;
  /** Problems of the header, reported with the first product. */
  onHeader: (issues: Issue[]) => void;
}

/** What the caller does when the CSV cannot be cut into byte units: read it row by row instead. */
export const READ_BY_ROWS = Symbol('read by rows');

/**
 * Cuts a CSV catalog into units of whole records without decoding them: the scanner only counts
 * records here, and each worker scans its unit's bytes with the same rules. Yields READ_BY_ROWS
 * first (and nothing else) for files the byte scanner does not read from the start (Excel's
 * `sep=` line, a multi-character delimiter). When the scanner meets, later, something it leaves
 * to csv-parse, csv-parse reads the file again from the first record not yet delivered.
 */
export async function* csvUnits(ctx: CsvCutContext): AsyncGenerator<WorkUnit | typeof READ_BY_ROWS> {
  const { source, tsv } = ctx;
  const { head, rest } = await peekHeader(ctx.decoding.bytes());
  if (head.trim() === '') throw catalogError(source.location, 'is empty (no header row)', 'Export the catalog again with a header row.');
  const line = firstLine(head) ?? head;
  const delimiter = delimiterFor(source, tsv, line);
  if (EXCEL_SEP.test(line) || delimiter.length !== 1) {
    yield READ_BY_ROWS;
    return;
  }
  const scanner = new CsvScanner(delimiter);
  let header: Header | undefined;
  /** Records handed out so far (header included): the next unit's first record is one more. */
  let delivered = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let scanAt = 0;

  const cut = (buf: Buffer, final: boolean): { unit?: WorkUnit; rest: Buffer } => {
    let from = 0;
    if (!header) {
      const found: string[][] = [];
      from = scanner.scan(buf, final, found, 1);
      if (found.length === 0) return { rest: buf };
      header = readHeader(found[0]!, ctx.decoding.invalidSeen);
      if (header.issues.length) ctx.onHeader(header.issues);
      delivered = 1;
    }
    const body = buf.subarray(from);
    const used = scanner.scan(body, final, null);
    if (used === 0) return { rest: body };
    // A copy of its own, so the unit can be handed to a worker thread without sharing the chunk.
    const bytes = new Uint8Array(ctx.shelf.take(used), 0, used);
    bytes.set(body.subarray(0, used));
    const unit: WorkUnit = {
      kind: 'csv',
      seq: ctx.nextSeq(),
      bytes,
      firstRow: delivered + 1,
      delimiter,
      eol: scanner.recordDelimiter,
      names: header.names,
      invalidSeen: ctx.decoding.invalidSeen,
    };
    delivered = scanner.records;
    return { unit, rest: body.subarray(used) };
  };

  try {
    for await (const chunk of rest) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < scanAt) continue;
      const { unit, rest: left } = cut(pending.length === 1 ? pending[0]! : Buffer.concat(pending), false);
      pending = left.length ? [left] : [];
      pendingBytes = left.length;
      if (left.length > MAX_RECORD_SIZE) {
        throw new Error(`a record is larger than ${MAX_RECORD_SIZE / 1024 / 1024} MiB (a quote that is never closed, or a field far too long)`);
      }
      // Without a whole record, wait until the bytes doubled, so a huge record is not rescanned per chunk.
      scanAt = unit ? left.length + ctx.unitBytes : Math.max(left.length * 2, ctx.unitBytes);
      if (unit) yield unit;
    }
    const { unit } = cut(Buffer.concat(pending), true);
    if (unit) yield unit;
  } catch (cause) {
    if (!(cause instanceof UnsupportedCsv)) throw csvReadError(source.location, tsv, delivered + 1, cause);
    if (!header) throw cause;
    yield* csvParseUnits(ctx, delimiter, header, delivered);
    return;
  }
  if (!header) throw catalogError(source.location, 'has no header row', 'Export the catalog again with a header row.');
}

/** csv-parse reads the file again from record `delivered + 1`; the main thread maps those rows. */
async function* csvParseUnits(ctx: CsvCutContext, delimiter: string, header: Header, delivered: number): AsyncGenerator<WorkUnit> {
  const decoding = ctx.reopen();
  const builder = new CsvRowBuilder(header.names);
  let row = delivered;
  let rows: MappedRow[] = [];
  try {
    for await (const batch of csvParseBatches(decoding.bytes(), delimiter, delivered)) {
      for (const record of batch) {
        row++;
        const raw = builder.build(record, row, decoding.invalidSeen);
        if (!raw) continue;
        for (const m of ctx.mapper.map(raw)) rows.push(m);
        if (rows.length >= ctx.unitRows) {
          yield { kind: 'mapped', seq: ctx.nextSeq(), rows };
          rows = [];
        }
      }
    }
  } catch (cause) {
    throw csvReadError(ctx.source.location, ctx.tsv, row + 1, cause);
  }
  if (rows.length) yield { kind: 'mapped', seq: ctx.nextSeq(), rows };
}
