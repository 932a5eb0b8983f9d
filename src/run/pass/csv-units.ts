import { isUtf8 } from 'node:buffer';
import type { Header } from '../../catalog/csv-header.js';
import { CsvRowBuilder } from '../../catalog/csv-rows.js';
import type { TextDecoding } from '../../catalog/decode-text.js';
import { firstLine } from '../../catalog/detect-delimiter.js';
import { csvParseBatches, MAX_RECORD_SIZE } from '../../catalog/fast-csv/read-records.js';
import { CsvScanner, UnsupportedCsv } from '../../catalog/fast-csv/scanner.js';
import { csvLayout, csvReadError, headText, noHeaderRow, PEEK_LIMIT, readHeader } from '../../catalog/read-csv.js';
import type { CatalogSource, MappedRow, PresetMapper } from '../../catalog/types.js';
import type { Issue } from '../../issues/issue.js';
import type { BufferShelf } from './buffer-shelf.js';
import type { ByteSource } from './byte-source.js';
import { mappedUnits } from './mapped-units.js';
import type { WorkUnit } from './units.js';

export interface CsvCutContext {
  source: CatalogSource;
  tsv: boolean;
  /** The catalog's bytes. */
  bytes: ByteSource;
  /** The catalog opened again, for the csv-parse fallback. */
  reopen: () => TextDecoding;
  /** Bytes of catalog read per unit; a unit ends with the last whole record in them. */
  unitBytes: number;
  /** Rows per unit where the main thread reads the rows itself. */
  unitRows: number;
  nextSeq: () => number;
  /** Where the windows units are read into come from (and go back to once merged). */
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
 * records here, and each worker scans its unit's bytes with the same rules. The bytes are read
 * into windows that become the units themselves (no copy but the incomplete last record). Yields
 * READ_BY_ROWS first (and nothing else) for files the byte scanner does not read from the start
 * (Excel's `sep=` line, a multi-character delimiter, UTF-16). When the scanner meets, later,
 * something it leaves to csv-parse, csv-parse reads the file again from the first record not yet
 * delivered.
 */
export async function* csvUnits(ctx: CsvCutContext): AsyncGenerator<WorkUnit | typeof READ_BY_ROWS> {
  try {
    yield* cutUnits(ctx);
  } finally {
    // However the cutting ends: done, failed, handed to the row reader, or abandoned by the caller.
    await ctx.bytes.close();
  }
}

async function* cutUnits(ctx: CsvCutContext): AsyncGenerator<WorkUnit | typeof READ_BY_ROWS> {
  const { source, tsv, shelf } = ctx;
  const windowBytes = ctx.unitBytes;
  let win = windowOf(shelf, windowBytes);
  let filled = 0;
  let eof = false;
  /** Reads until `want` bytes are in the window (growing it when it is too small) or the file ends. */
  const fill = async (want: number): Promise<void> => {
    if (want > win.length) win = moved(shelf, win, filled, Math.max(want, win.length * 2));
    while (!eof && filled < want) {
      const n = await ctx.bytes.read(win, filled);
      if (n === 0) eof = true;
      else filled += n;
    }
  };
  const view = (from: number, to: number) => Buffer.from(win.buffer, win.byteOffset + from, to - from);

  await fill(ctx.unitBytes);
  let head = headText(view(0, filled));
  while (firstLine(head) === undefined && !eof && filled < PEEK_LIMIT) {
    await fill(filled + 64 * 1024);
    head = headText(view(0, filled));
  }
  const { delimiter, excelSep } = csvLayout(source, tsv, head);
  if (excelSep || delimiter.length !== 1) {
    yield READ_BY_ROWS;
    return;
  }
  const scanner = new CsvScanner(delimiter);
  let header: Header | undefined;
  let start = 0;
  /** Records handed out so far (header included): the next unit's first record is one more. */
  let delivered = 0;
  let invalidSeen = false;
  try {
    while (!header) {
      const found: string[][] = [];
      start = scanner.scan(view(0, filled), eof, found, 1);
      if (found.length) {
        invalidSeen = !isUtf8(view(0, start));
        header = readHeader(found[0]!, invalidSeen);
        if (header.issues.length) ctx.onHeader(header.issues);
        delivered = 1;
      } else if (eof) {
        throw noHeaderRow(source.location);
      } else {
        await fill(filled * 2);
      }
    }
    for (;;) {
      const used = scanner.scan(view(start, filled), eof, null);
      if (used > 0) {
        const bytes = win.subarray(start, start + used);
        if (!invalidSeen && !isUtf8(bytes)) invalidSeen = true;
        const unit: WorkUnit = { kind: 'csv', seq: ctx.nextSeq(), bytes, firstRow: delivered + 1, delimiter, eol: scanner.recordDelimiter, names: header.names, invalidSeen };
        delivered = scanner.records;
        // The window goes with the unit (to a worker): what follows its last record moves first.
        win = moved(shelf, win, filled, windowBytes, start + used);
        filled -= start + used;
        start = 0;
        yield unit;
      } else if (filled - start > MAX_RECORD_SIZE) {
        throw new Error(`a record is larger than ${MAX_RECORD_SIZE / 1024 / 1024} MiB (a quote that is never closed, or a field far too long)`);
      }
      if (eof && start >= filled) break;
      // Without one whole record in the window, read as much again before scanning anew.
      await fill(used > 0 ? ctx.unitBytes : Math.max(filled * 2, ctx.unitBytes));
    }
  } catch (cause) {
    if (!(cause instanceof UnsupportedCsv)) throw csvReadError(source.location, tsv, delivered + 1, cause);
    if (!header) {
      yield READ_BY_ROWS;
      return;
    }
    yield* mappedUnits(csvParseRows(ctx, delimiter, header, delivered), ctx.unitRows, ctx.nextSeq);
  }
}

/** `size` bytes to read into (the buffer under it may be larger: the shelf rounds sizes up). */
function windowOf(shelf: BufferShelf, size: number): Uint8Array {
  return new Uint8Array(shelf.take(size), 0, size);
}

/** A window of at least `size` bytes holding `win[from:filled]` at its start; `win` goes back to the shelf unless it went with a unit. */
function moved(shelf: BufferShelf, win: Uint8Array, filled: number, size: number, from = 0): Uint8Array {
  const next = windowOf(shelf, Math.max(size, filled - from));
  next.set(win.subarray(from, filled));
  if (from === 0) shelf.put(win.buffer as ArrayBuffer);
  return next;
}


/** csv-parse reads the file again from record `delivered + 1`; the main thread maps those rows. */
async function* csvParseRows(ctx: CsvCutContext, delimiter: string, header: Header, delivered: number): AsyncGenerator<MappedRow> {
  const decoding = ctx.reopen();
  const builder = new CsvRowBuilder(header.names);
  let row = delivered;
  try {
    for await (const batch of csvParseBatches(decoding.bytes(), delimiter, delivered)) {
      for (const record of batch) {
        row++;
        const raw = builder.build(record, row, decoding.invalidSeen);
        if (raw) yield* ctx.mapper.map(raw);
      }
    }
  } catch (cause) {
    throw csvReadError(ctx.source.location, ctx.tsv, row + 1, cause);
  }
}
