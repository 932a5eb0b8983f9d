import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { TextDecoding } from './decode-text.js';
import { detectFormat, isGzipped } from './detect-format.js';
import { csvParseOptions } from './fast-csv/read-records.js';
import { openBytes } from './open-bytes.js';
import { csvLayout, peekHeader } from './read-csv.js';
import type { CatalogSource } from './types.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Line breaks (LF, CRLF, or a lone CR) in the bytes csv-parse is given, counted up to an offset
 * that only grows. Only the chunks past the offset are kept.
 */
class LineCounter {
  private chunks: Buffer[] = [];
  /** Offset of chunks[0][0] in the stream. */
  private base = 0;
  /** Offset counted up to. */
  offset = 0;
  /** Line breaks before `offset`. */
  breaks = 0;

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  private byteAt(offset: number): number | undefined {
    let at = offset - this.base;
    for (const c of this.chunks) {
      if (at < c.length) return c[at];
      at -= c.length;
    }
    return undefined;
  }

  /** Counts up to `target`. */
  advanceTo(target: number): void {
    while (this.offset < target && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const from = this.offset - this.base;
      const to = Math.min(chunk.length, target - this.base);
      for (let i = from; i < to; i++) {
        const c = chunk[i];
        if (c === LF) this.breaks++;
        else if (c === CR && (i + 1 < chunk.length ? chunk[i + 1] : this.byteAt(this.base + i + 1)) !== LF) this.breaks++;
      }
      this.offset = this.base + to;
      if (to === chunk.length) {
        this.chunks.shift();
        this.base += chunk.length;
      }
    }
  }

  /** Counts over the line breaks (blank lines) that follow `offset`. */
  skipBreaks(): void {
    for (let c = this.byteAt(this.offset); c === LF || c === CR; c = this.byteAt(this.offset)) this.advanceTo(this.offset + 1);
  }

  /** Counts through the end of the current line (Excel's `sep=` line). */
  skipLine(): void {
    for (let c = this.byteAt(this.offset); c !== undefined && c !== LF && c !== CR; c = this.byteAt(this.offset)) this.advanceTo(this.offset + 1);
  }
}

/**
 * The physical line (1-based) on which each of `rows` begins in a local CSV or TSV catalog, for
 * annotations that point into the file: a row is a record (header = 1), and a quoted field with
 * line breaks, a blank line or Excel's `sep=` line puts the two apart. Read with csv-parse and the
 * catalog reader's own options (the fast scanner equals it), up to the last row asked for; the
 * line breaks are counted here, as editors count them (csv-parse counts a CRLF inside quotes twice).
 * Empty for JSON, XML, compressed or remote catalogs, whose rows are no lines of a file one opens.
 */
export async function recordLines(source: CatalogSource, rows: Iterable<number>): Promise<Map<number, number>> {
  const wanted = new Set(rows);
  const lines = new Map<number, number>();
  const format = detectFormat(source);
  if ((format !== 'csv' && format !== 'tsv') || isGzipped(source.location) || /^https?:\/\//i.test(source.location) || wanted.size === 0) return lines;
  const last = Math.max(...wanted);
  const { head, rest } = await peekHeader(new TextDecoding(openBytes(source)).bytes());
  const { delimiter, excelSep } = csvLayout(source, format === 'tsv', head);
  const counter = new LineCounter();
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of rest) {
      counter.add(chunk);
      yield chunk;
    }
  }
  const parser = pipeline(Readable.from(counted()), parse({ ...csvParseOptions(delimiter), from_line: excelSep ? 2 : 1, info: true }), () => {});
  let row = 0;
  let endOfPrevious = 0;
  try {
    for await (const { info } of parser as AsyncIterable<{ info: { bytes: number } }>) {
      row++;
      // A record begins after the previous one (its line break included) and any blank lines.
      counter.advanceTo(endOfPrevious);
      if (row === 1 && excelSep) counter.skipLine();
      counter.skipBreaks();
      if (wanted.has(row)) lines.set(row, counter.breaks + 1);
      endOfPrevious = info.bytes;
      if (row >= last) break;
    }
  } finally {
    parser.destroy();
  }
  return lines;
}
