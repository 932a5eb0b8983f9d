import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { CsvScanner, UnsupportedCsv } from './scanner.js';

export interface CsvRecordOptions {
  /** One ASCII delimiter character; default `,`. */
  delimiter?: string;
  /** Opens the same bytes again from the start, for the csv-parse fallback; required. */
  reopen: () => AsyncIterable<Buffer>;
}

/**
 * Largest record read, in characters (bytes for the scanner): like the JSON and XML readers' item
 * limit, it bounds the memory one runaway quote or one huge field can take.
 */
export const MAX_RECORD_SIZE = 16 * 1024 * 1024;

/** The csv-parse options the catalog reader uses, which CsvScanner reproduces. */
export function csvParseOptions(delimiter: string) {
  return { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, max_record_size: MAX_RECORD_SIZE } as const;
}

/** Below this many bytes of an incomplete record, waiting for the next chunk is cheaper than rescanning. */
const MIN_RESCAN = 64 * 1024;

/**
 * CSV records in batches (one batch per chunk of input, so one await per chunk instead of one per
 * record), equal to csv-parse with the catalog reader's options. The scanner reads the common case;
 * when it meets what it leaves to csv-parse (see CsvScanner), the source is opened again and
 * csv-parse reads it from the start, skipping the records already delivered: a second read, only
 * for such files, in exchange for csv-parse's exact results and error messages.
 *
 * `options.reopen` is called only for that fallback.
 */
export async function* csvRecordBatches(bytes: AsyncIterable<Buffer>, options: CsvRecordOptions): AsyncGenerator<string[][]> {
  const delimiter = options.delimiter ?? ',';
  let delivered = 0;
  try {
    for await (const batch of scanBatches(bytes, delimiter)) {
      delivered += batch.length;
      yield batch;
    }
    return;
  } catch (err) {
    if (!(err instanceof UnsupportedCsv)) throw err;
  }
  yield* csvParseBatches(options.reopen(), delimiter, delivered);
}

async function* scanBatches(bytes: AsyncIterable<Buffer>, delimiter: string): AsyncGenerator<string[][]> {
  const scanner = new CsvScanner(delimiter);
  let rest: Buffer | undefined;
  let waiting: Buffer[] = [];
  let waitingBytes = 0;
  for await (const chunk of bytes) {
    if (rest) {
      // A long record spanning many chunks is rescanned only when the bytes at least doubled.
      waiting.push(chunk);
      waitingBytes += chunk.length;
      if (rest.length + waitingBytes > MAX_RECORD_SIZE) {
        throw new Error(`a record is larger than ${MAX_RECORD_SIZE / 1024 / 1024} MiB (a quote that is never closed, or a field far too long)`);
      }
      if (waitingBytes < Math.max(rest.length, MIN_RESCAN)) continue;
    }
    const buf = rest ? Buffer.concat([rest, ...waiting]) : chunk;
    waiting = [];
    waitingBytes = 0;
    const out: string[][] = [];
    const used = scanner.scan(buf, false, out);
    rest = used < buf.length ? buf.subarray(used) : undefined;
    if (out.length) yield out;
  }
  const last = rest ? Buffer.concat([rest, ...waiting]) : waiting.length ? Buffer.concat(waiting) : Buffer.alloc(0);
  const out: string[][] = [];
  scanner.scan(last, true, out);
  if (out.length) yield out;
}

/** csv-parse itself, batched the same way, after skipping `skip` records. */
export async function* csvParseBatches(bytes: AsyncIterable<Buffer>, delimiter: string, skip: number): AsyncGenerator<string[][]> {
  const parser = pipeline(Readable.from(bytes), parse(csvParseOptions(delimiter)), () => {});
  let seen = 0;
  let batch: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (seen++ < skip) continue;
      batch.push(record);
      if (batch.length >= 256) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    // The records read before the error first, so that the caller counts rows up to it.
    if (batch.length) yield batch;
    throw err;
  }
  if (batch.length) yield batch;
}
