import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Entries of one run at most: an entry number and a 32-bit hash share one exact double while sorting. */
export const MAX_RUN_IDS = 1 << 20;
const ENTRY = 2 ** 20;
/** A record on disk: the id's start in its run's bytes, its length, its row (three 32-bit words). */
const RECORD_BYTES = 12;
/** Closes the file of a table dropped without close() (a pass that failed half-way in a long-running schedule). */
const dropped = new FinalizationRegistry<number>((fd) => closeSync(fd));

/** One batch of ids written out: its hashes in memory, sorted, and where its records and bytes lie. */
interface Run {
  /** The ids' hashes, ascending; the record of hashes[i] is the i-th on disk. */
  hashes: Uint32Array;
  /** buckets[b]..buckets[b+1]: the positions in `hashes` whose top bits are b. */
  buckets: Uint32Array;
  shift: number;
  records: number;
  bytes: number;
}

/** The columns of the table being written out (see IdTable). */
export interface IdColumns {
  bytes: Buffer;
  used: number;
  starts: Uint32Array;
  lengths: Uint32Array;
  hashes: Uint32Array;
  rows: Int32Array;
  count: number;
}

/**
 * The ids an IdTable wrote to disk, in runs. Only each id's 32-bit hash stays in memory (sorted,
 * with a bucket index on its top bits, and a bit set over all runs: about 6 bytes an id); the
 * id's bytes and its row are in an unnamed temporary file (deleted as soon as it is open, so
 * nothing is left behind however the process ends). The file is read only when a hash matches:
 * for a duplicate, or for one of the rare distinct ids that share a hash, which the byte
 * comparison tells apart.
 */
export class SpilledIds {
  private readonly fd: number;
  private readonly file: string | undefined;
  private readonly runs: Run[] = [];
  private end = 0;
  private readonly record = new Uint32Array(3);
  private readonly recordBytes = Buffer.from(this.record.buffer);
  private scratch = Buffer.allocUnsafe(256);
  private ids = 0;
  /**
   * Two bits per written id in a bit set of at least 8 bits an id (about 5 % false positives): most
   * new ids are known to be in no run without looking at the runs, however many there are.
   */
  private filter = new Int32Array(1 << 10);
  private filterBits = 15;

  constructor(dir = os.tmpdir()) {
    const file = path.join(dir, `shelfcast-ids-${process.pid}-${randomBytes(6).toString('hex')}`);
    this.fd = openSync(file, 'wx+', 0o600);
    try {
      unlinkSync(file);
    } catch {
      // A system that cannot delete an open file: close() does.
      this.file = file;
    }
    dropped.register(this, this.fd, this);
  }

  /** Writes the table's entries as one more run; throws (nothing recorded) when the disk refuses. */
  add(t: IdColumns): void {
    const n = t.count;
    if (n > MAX_RUN_IDS) throw new RangeError(`a run holds at most ${MAX_RUN_IDS} ids`);
    // Sorted by hash with the native numeric sort: hash * 2^20 + entry is an exact double.
    const order = new Float64Array(n);
    for (let e = 0; e < n; e++) order[e] = t.hashes[e]! * ENTRY + e;
    order.sort();
    const hashes = new Uint32Array(n);
    const records = new Uint32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const v = order[i]!;
      const e = v % ENTRY;
      hashes[i] = (v - e) / ENTRY;
      records[i * 3] = t.starts[e]!;
      records[i * 3 + 1] = t.lengths[e]!;
      records[i * 3 + 2] = t.rows[e]! >>> 0;
    }
    const bits = Math.max(4, Math.min(24, Math.ceil(Math.log2(Math.max(n, 1))) - 2));
    const shift = 32 - bits;
    const buckets = new Uint32Array((1 << bits) + 1);
    for (let b = 0, i = 0; b < buckets.length; b++) {
      while (i < n && hashes[i]! >>> shift < b) i++;
      buckets[b] = i;
    }
    const at = this.end;
    this.writeAll(t.bytes.subarray(0, t.used), at);
    this.writeAll(Buffer.from(records.buffer, 0, records.byteLength), at + t.used);
    this.end = at + t.used + records.byteLength;
    this.runs.push({ hashes, buckets, shift, bytes: at, records: at + t.used });
    this.ids += n;
    if (this.ids * 8 > 2 ** this.filterBits) this.growFilter();
    else this.mark(hashes);
  }

  /** A bit set twice as large, refilled from every run's hashes. */
  private growFilter(): void {
    while (this.ids * 8 > 2 ** this.filterBits) this.filterBits++;
    this.filter = new Int32Array(2 ** (this.filterBits - 5));
    for (const run of this.runs) this.mark(run.hashes);
  }

  private mark(hashes: Uint32Array): void {
    const shift = 32 - this.filterBits;
    const filter = this.filter;
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i]!;
      const a = h >>> shift;
      const b = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> shift;
      filter[a >>> 5] |= 1 << (a & 31);
      filter[b >>> 5] |= 1 << (b & 31);
    }
  }

  /** The row of the written id whose UTF-8 bytes are key[0..n) and whose hash is `hash`, or undefined. */
  find(hash: number, key: Buffer, n: number): number | undefined {
    const shift = 32 - this.filterBits;
    const a = hash >>> shift;
    const b = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> shift;
    if ((this.filter[a >>> 5]! & (1 << (a & 31))) === 0 || (this.filter[b >>> 5]! & (1 << (b & 31))) === 0) return undefined;
    for (const run of this.runs) {
      const b = hash >>> run.shift;
      const hashes = run.hashes;
      for (let i = run.buckets[b]!, to = run.buckets[b + 1]!; i < to; i++) {
        const h = hashes[i]!;
        if (h > hash) break;
        if (h < hash) continue;
        this.readAll(this.recordBytes, RECORD_BYTES, run.records + i * RECORD_BYTES);
        if (this.record[1] !== n) continue;
        if (this.scratch.length < n) this.scratch = Buffer.allocUnsafe(n);
        this.readAll(this.scratch, n, run.bytes + this.record[0]!);
        if (this.scratch.compare(key, 0, n, 0, n) === 0) return this.record[2]! | 0;
      }
    }
    return undefined;
  }

  close(): void {
    dropped.unregister(this);
    closeSync(this.fd);
    if (this.file) unlinkSync(this.file);
  }

  private writeAll(data: Buffer, position: number): void {
    for (let done = 0; done < data.length; ) done += writeSync(this.fd, data, done, data.length - done, position + done);
  }

  private readAll(into: Buffer, n: number, position: number): void {
    for (let done = 0; done < n; ) {
      const got = readSync(this.fd, into, done, n - done, position + done);
      if (got === 0) throw new Error('the duplicate-id spill file ended early');
      done += got;
    }
  }
}
