/**
 * A supplemental source held in memory while the primary catalog streams: key -> the source's
 * non-empty values, packed into a few flat buffers instead of one object (and one string per cell)
 * per row. The buffers are SharedArrayBuffers, so the worker threads of the pass read the same
 * table without a copy, and mark in `hits` which keys a primary row asked for.
 */
export interface KeyedTableData {
  /** Names of the value fields (a pair's field index points here). */
  fields: string[];
  /** UTF-8 text of every key and value, back to back. */
  text: SharedArrayBuffer;
  /** Uint32 per entry, plus one: index of its first pair (the key), then its values. */
  entryStart: SharedArrayBuffer;
  /** Uint16 per pair: the field of the value, KEY_FIELD for the key. */
  pairField: SharedArrayBuffer;
  /** Uint32 per pair: end of its text (it starts where the pair before it ends). */
  pairEnd: SharedArrayBuffer;
  /** Uint32 hash slots (a power of two of them): entry + 1, 0 when empty. */
  slots: SharedArrayBuffer;
  /** Int32 per entry: row of the source it came from. */
  rows: SharedArrayBuffer;
  /** Uint8 per entry: 1 once a primary row matched it. */
  hits: SharedArrayBuffer;
}

const KEY_FIELD = 0xffff;
/** Most distinct value fields in one source (a pair's field index is 16 bits). */
export const MAX_FIELDS = KEY_FIELD;
const encoder = new TextEncoder();

/** FNV-1a over the UTF-16 code units: no encoding needed to look a key up. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

class Grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array> {
  length = 0;
  constructor(
    public array: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.array.length) this.reserve(1);
    this.array[this.length++] = v;
  }
  /** Room for `n` more. */
  reserve(n: number): void {
    if (this.length + n <= this.array.length) return;
    let size = this.array.length * 2;
    while (size < this.length + n) size *= 2;
    const next = this.make(size);
    next.set(this.array.subarray(0, this.length));
    this.array = next;
  }
  /** The used part, copied into shared memory. */
  shared(): SharedArrayBuffer {
    const sab = new SharedArrayBuffer(this.length * this.array.BYTES_PER_ELEMENT);
    (new (this.array.constructor as new (b: SharedArrayBuffer) => T)(sab)).set(this.array.subarray(0, this.length));
    return sab;
  }
}

/** Reads keys and values out of the packed buffers. */
class PackedReader {
  protected scratch = new Uint8Array(256);
  constructor(
    protected text: () => Uint8Array,
    protected entryStart: () => Uint32Array,
    protected pairEnd: () => Uint32Array,
  ) {}

  protected pairStart(pair: number): number {
    return pair === 0 ? 0 : this.pairEnd()[pair - 1]!;
  }

  /** True when entry `e`'s key is `key` (`bytes`: its UTF-8 length in the scratch). */
  protected keyIs(e: number, bytes: number): boolean {
    const pair = this.entryStart()[e]!;
    const start = this.pairStart(pair);
    if (this.pairEnd()[pair]! - start !== bytes) return false;
    const text = this.text();
    for (let i = 0; i < bytes; i++) if (text[start + i] !== this.scratch[i]) return false;
    return true;
  }

  /** Puts the key's UTF-8 into the scratch; returns its length. */
  protected encode(key: string): number {
    if (this.scratch.length < key.length * 3) this.scratch = new Uint8Array(key.length * 3);
    return encoder.encodeInto(key, this.scratch).written;
  }

  protected find(slots: Uint32Array, key: string): { entry: number; slot: number } {
    const bytes = this.encode(key);
    const mask = slots.length - 1;
    for (let s = hashOf(key) & mask; ; s = (s + 1) & mask) {
      const v = slots[s]!;
      if (v === 0) return { entry: -1, slot: s };
      if (this.keyIs(v - 1, bytes)) return { entry: v - 1, slot: s };
    }
  }
}

/** Builds a table row by row; duplicate keys are refused (the first row stays). */
export class KeyedTableBuilder extends PackedReader {
  private readonly fieldIndex = new Map<string, number>();
  private readonly fields: string[] = [];
  private bytes = new Grow(new Uint8Array(1 << 16), (n) => new Uint8Array(n));
  private starts = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
  private fieldOf = new Grow(new Uint16Array(4096), (n) => new Uint16Array(n));
  private ends = new Grow(new Uint32Array(4096), (n) => new Uint32Array(n));
  private rowOf = new Grow(new Int32Array(1024), (n) => new Int32Array(n));
  private slots = new Uint32Array(2048);

  constructor() {
    super(
      () => this.bytes.array,
      () => this.starts.array,
      () => this.ends.array,
    );
  }

  get size(): number {
    return this.rowOf.length;
  }

  /** Row of the entry holding `key`, or undefined. */
  rowOfKey(key: string): number | undefined {
    const { entry } = this.find(this.slots, key);
    return entry < 0 ? undefined : this.rowOf.array[entry];
  }

  /**
   * Adds an entry; its values are (field, text) pairs, empty texts left out. Returns the row of
   * the entry that already holds the key (and adds nothing), or undefined when added.
   */
  add(key: string, row: number, values: Iterable<[string, string]>): number | undefined {
    const found = this.find(this.slots, key);
    if (found.entry >= 0) return this.rowOf.array[found.entry];
    const entry = this.rowOf.length;
    this.slots[found.slot] = entry + 1;
    this.rowOf.push(row);
    this.starts.push(this.ends.length);
    this.pushText(key, KEY_FIELD);
    for (const [field, value] of values) {
      if (value === '') continue;
      let f = this.fieldIndex.get(field);
      if (f === undefined) {
        if (this.fields.length >= MAX_FIELDS) throw new Error(`more than ${MAX_FIELDS} distinct fields`);
        f = this.fields.push(field) - 1;
        this.fieldIndex.set(field, f);
      }
      this.pushText(value, f);
    }
    if (this.rowOf.length * 2 > this.slots.length) this.rehash();
    return undefined;
  }

  private pushText(text: string, field: number): void {
    const bytes = this.bytes;
    bytes.reserve(text.length * 3);
    bytes.length += encoder.encodeInto(text, bytes.array.subarray(bytes.length)).written;
    if (this.bytes.length > 0xffffffff) throw new Error('more than 4 GiB of text');
    this.fieldOf.push(field);
    this.ends.push(this.bytes.length);
  }

  private rehash(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    const text = this.bytes.array;
    for (let e = 0; e < this.rowOf.length; e++) {
      const pair = this.starts.array[e]!;
      const key = Buffer.from(text.buffer, text.byteOffset, this.bytes.length).toString('utf8', this.pairStart(pair), this.ends.array[pair]);
      let s = hashOf(key) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = e + 1;
    }
    this.slots = slots;
  }

  finish(): KeyedTableData {
    this.starts.push(this.ends.length);
    const slots = new SharedArrayBuffer(this.slots.byteLength);
    new Uint32Array(slots).set(this.slots);
    return {
      fields: [...this.fields],
      text: this.bytes.shared(),
      entryStart: this.starts.shared(),
      pairField: this.fieldOf.shared(),
      pairEnd: this.ends.shared(),
      slots,
      rows: this.rowOf.shared(),
      hits: new SharedArrayBuffer(this.rowOf.length),
    };
  }
}

/** A finished table, in any thread. */
export class KeyedTable extends PackedReader {
  private readonly textView: Buffer;
  private readonly starts: Uint32Array;
  private readonly fieldOf: Uint16Array;
  private readonly ends: Uint32Array;
  private readonly slotView: Uint32Array;
  private readonly rowView: Int32Array;
  private readonly hitView: Uint8Array;

  constructor(readonly data: KeyedTableData) {
    const textView = Buffer.from(data.text);
    const starts = new Uint32Array(data.entryStart);
    const ends = new Uint32Array(data.pairEnd);
    super(
      () => textView,
      () => starts,
      () => ends,
    );
    this.textView = textView;
    this.starts = starts;
    this.ends = ends;
    this.fieldOf = new Uint16Array(data.pairField);
    this.slotView = new Uint32Array(data.slots);
    this.rowView = new Int32Array(data.rows);
    this.hitView = new Uint8Array(data.hits);
  }

  get size(): number {
    return this.rowView.length;
  }

  /** The entry of `key` (marked as matched), or -1. */
  lookup(key: string): number {
    const { entry } = this.find(this.slotView, key);
    if (entry >= 0 && this.hitView[entry] === 0) Atomics.store(this.hitView, entry, 1);
    return entry;
  }

  /** Calls `each` with every value of the entry (and the index of its field in `data.fields`), in the order they were added. */
  values(entry: number, each: (field: number, value: string) => void): void {
    const end = this.starts[entry + 1]!;
    for (let p = this.starts[entry]! + 1; p < end; p++) {
      each(this.fieldOf[p]!, this.textView.toString('utf8', this.pairStart(p), this.ends[p]));
    }
  }

  key(entry: number): string {
    const pair = this.starts[entry]!;
    return this.textView.toString('utf8', this.pairStart(pair), this.ends[pair]);
  }

  row(entry: number): number {
    return this.rowView[entry]!;
  }

  /** Which entries a primary row matched, one bit each (for a sharded build's merge). */
  hitBits(): Uint8Array {
    const bits = new Uint8Array(Math.ceil(this.hitView.length / 8));
    for (let e = 0; e < this.hitView.length; e++) if (Atomics.load(this.hitView, e) !== 0) bits[e >> 3]! |= 1 << (e & 7);
    return bits;
  }

  /** Marks as matched the entries another pass matched (`hitBits` of a table of the same source). */
  addHits(bits: Uint8Array): void {
    for (let e = 0; e < this.hitView.length; e++) if (bits[e >> 3]! & (1 << (e & 7))) Atomics.store(this.hitView, e, 1);
  }

  /** Entries no primary row matched, in the source's order. */
  *unmatched(): Generator<number> {
    for (let e = 0; e < this.hitView.length; e++) if (Atomics.load(this.hitView, e) === 0) yield e;
  }

  /** Bytes the table holds. */
  bytes(): number {
    const d = this.data;
    return d.text.byteLength + d.entryStart.byteLength + d.pairField.byteLength + d.pairEnd.byteLength + d.slots.byteLength + d.rows.byteLength + d.hits.byteLength;
  }
}
