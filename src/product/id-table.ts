const EMPTY = 0;
const MIN_SLOTS = 1 << 10;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Every id of a catalog with the row it was first seen on, in flat typed arrays: the ids' UTF-8
 * bytes back to back in one buffer and an open-addressing table of entry numbers. About 30 bytes
 * an id instead of the 80 or more a Map of strings takes, so a million-row catalog checks its ids
 * for duplicates in tens of megabytes. Exact: a hash match is confirmed byte by byte.
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

  get size(): number {
    return this.count;
  }

  /** The row `id` was first seen on; when it was not seen yet, it is recorded with `row`. */
  firstOrAdd(id: string, row: number): number | undefined {
    const n = this.encode(id);
    const key = this.scratch;
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ key[i]!, FNV_PRIME);
    h >>>= 0;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s]!;
      if (slot === EMPTY) {
        this.insert(s, h, n, row);
        return undefined;
      }
      const e = slot - 1;
      if (this.hashes[e] === h && this.lengths[e] === n && key.compare(this.bytes, this.starts[e]!, this.starts[e]! + n, 0, n) === 0) return this.rows[e];
    }
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
