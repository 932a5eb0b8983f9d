import { MAX_RUN_IDS, SpilledIds } from './spilled-ids.js';

const EMPTY = 0;
const MIN_SLOTS = 1 << 10;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/**
 * Ids held in memory before they go to disk as a run: about 5 MB of table. Past it, an id costs
 * about 6 bytes of memory, so the check stays nearly flat however long the catalog: at 1,000,000
 * ids the table kept in memory took about 42 MB.
 */
const MEMORY_IDS = 1 << 17;

export interface IdTableOptions {
  /** Ids held in memory before they are written to disk as a run (at most 2^20). */
  memoryIds?: number;
  /** Folder of the temporary file the runs go to (the system's temporary folder). */
  dir?: string;
}

/**
 * Every id of a catalog with the row it was first seen on. The most recent ids are in flat typed
 * arrays: their UTF-8 bytes back to back in one buffer and an open-addressing table of entry
 * numbers. When that holds `memoryIds` ids it is written to disk as a run (SpilledIds), which keeps
 * only each id's hash in memory. Exact: a hash match is confirmed byte by byte, on disk for a
 * written id. When the disk refuses a run, the ids stay in memory and the check goes on.
 */
export class IdTable {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private starts = new Uint32Array(1 << 10);
  private lengths = new Uint32Array(1 << 10);
  private hashes = new Uint32Array(1 << 10);
  private rows = new Int32Array(1 << 10);
  private count = 0;
  /** Entry number + 1 per slot; EMPTY when free. */
  private slots = new Uint32Array(MIN_SLOTS);
  private scratch = Buffer.allocUnsafe(256);
  private readonly memoryIds: number;
  private readonly dir: string | undefined;
  private spilled: SpilledIds | undefined;
  /** Set when the disk refused a run: from then on every new id stays in memory. */
  private spillFailed = false;
  private written = 0;
  private closed = false;

  constructor(options: IdTableOptions = {}) {
    this.memoryIds = Math.max(1, Math.min(options.memoryIds ?? MEMORY_IDS, MAX_RUN_IDS));
    this.dir = options.dir;
  }

  get size(): number {
    return this.written + this.count;
  }

  /** The row `id` was first seen on; when it was not seen yet, it is recorded with `row`. */
  firstOrAdd(id: string, row: number): number | undefined {
    if (this.closed) throw new Error('IdTable.firstOrAdd after close()');
    const n = this.encode(id);
    const key = this.scratch;
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ key[i]!, FNV_PRIME);
    // FNV's low bits mix poorly on short ids that differ in their last characters; the slot is
    // taken from the low bits and a run's buckets from the high ones.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h >>>= 0;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === EMPTY) {
        const earlier = this.spilled?.find(h, key, n);
        if (earlier !== undefined) return earlier;
        this.insert(s, h, n, row);
        if (this.count >= this.memoryIds && !this.spillFailed) this.spill();
        return undefined;
      }
      const e = slot - 1;
      if (this.hashes[e] === h && this.lengths[e] === n && key.compare(this.bytes, this.starts[e]!, this.starts[e]! + n, 0, n) === 0) return this.rows[e];
    }
  }

  /** Releases the temporary file; the table answers nothing after this. */
  close(): void {
    this.spilled?.close();
    this.spilled = undefined;
    this.closed = true;
  }

  /** The id's UTF-8 bytes into the scratch buffer; returns their length. */
  private encode(id: string): number {
    if (id.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(id.length * 3);
    return this.scratch.write(id, 0);
  }

  private insert(slot: number, hash: number, n: number, row: number): void {
    if (this.count === this.starts.length) this.growEntries();
    if (this.used + n > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + n));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.scratch.copy(this.bytes, this.used, 0, n);
    const e = this.count++;
    this.starts[e] = this.used;
    this.lengths[e] = n;
    this.hashes[e] = hash;
    this.rows[e] = row;
    this.used += n;
    this.slots[slot] = e + 1;
    // Half full at most, so probes stay short.
    if (this.count * 2 > this.slots.length) this.rehash();
  }

  /** The ids in memory to disk as one run; the arrays are kept, empty, for the next ones. */
  private spill(): void {
    try {
      this.spilled ??= new SpilledIds(this.dir);
      const { bytes, used, starts, lengths, hashes, rows, count } = this;
      this.spilled.add({ bytes, used, starts, lengths, hashes, rows, count });
    } catch {
      // No temporary file or no room on disk: the ids stay in memory, as large as the catalog asks.
      this.spillFailed = true;
      return;
    }
    this.written += this.count;
    this.count = 0;
    this.used = 0;
    this.slots.fill(EMPTY);
  }

  private growEntries(): void {
    const size = this.starts.length * 2;
    const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (k) => new Uint32Array(k));
    this.lengths = grow(this.lengths, (k) => new Uint32Array(k));
    this.hashes = grow(this.hashes, (k) => new Uint32Array(k));
    this.rows = grow(this.rows, (k) => new Int32Array(k));
  }

  private rehash(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.count; e++) {
      let s = this.hashes[e]! & mask;
      while (slots[s] !== EMPTY) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
  }
}
