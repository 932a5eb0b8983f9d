import { REPEATABLE_PART } from '../../serializers/serializer.js';
import type { BufferShelf } from './buffer-shelf.js';

/** Start size of a feed's body buffer for one unit; it doubles as needed. */
const INITIAL_BYTES = 1 << 20;

/**
 * Long parts (REPEATABLE_PART characters or more) the encoders of one unit wrote last: enough for
 * the long parts of every feed of two records (a description, in each feed's quoting).
 */
const RECENT_LONG_PARTS = 16;

/**
 * The long parts the encoders of one unit wrote last and where their bytes are, shared by the
 * unit's encoders: a part equal to one of them is copied as bytes, not encoded again. Long parts
 * repeat in two ways: the variants of a product share a description (the same feed's next record),
 * and feeds that quote a value the same way (the CSV feeds) write the same cell for one product.
 */
export class RecentLongParts {
  private readonly texts: string[] = [];
  private readonly encoders: PieceEncoder[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private next = 0;

  /** The slot of a remembered part equal to `text`, or -1. */
  find(text: string): number {
    for (let k = 0; k < this.texts.length; k++) if (this.texts[k] === text) return k;
    return -1;
  }

  encoder(slot: number): PieceEncoder {
    return this.encoders[slot]!;
  }

  start(slot: number): number {
    return this.starts[slot]!;
  }

  end(slot: number): number {
    return this.ends[slot]!;
  }

  /** `text` is at bytes `start` to `end` of `encoder`'s buffer (growing keeps offsets); the oldest slot goes. */
  remember(text: string, encoder: PieceEncoder, start: number, end: number): void {
    const k = this.next;
    this.texts[k] = text;
    this.encoders[k] = encoder;
    this.starts[k] = start;
    this.ends[k] = end;
    this.next = (k + 1) % RECENT_LONG_PARTS;
  }
}

/**
 * The record bodies of one feed for one unit, UTF-8 encoded straight into one buffer that can be
 * handed to the main thread without a copy, and back for reuse (see BufferShelf).
 */
export class PieceEncoder {
  private buf: Buffer;
  private used = 0;
  private readonly endList: number[] = [];
  private readonly ownerList: number[] = [];

  /** `recent`: shared by the encoders of the unit's feeds, and for this unit only (it points into their buffers). */
  constructor(
    private readonly shelf: BufferShelf,
    private readonly recent: RecentLongParts,
  ) {
    this.buf = Buffer.from(shelf.take(INITIAL_BYTES));
  }

  /**
   * Appends the body of a record of product `owner` (its index in the unit), given as parts
   * (Serializer.bodyParts). A long part equal to a recent one (see RecentLongParts) is copied as
   * bytes: encoding the next variant's description again was a tenth of a worker's time, and
   * three CSV feeds encoded the same description cell.
   */
  add(parts: readonly string[], owner: number): void {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part.length < REPEATABLE_PART) {
        this.room(part.length * 3);
        this.used += this.buf.write(part, this.used);
        continue;
      }
      const slot = this.recent.find(part);
      if (slot >= 0) {
        const from = this.recent.start(slot);
        const to = this.recent.end(slot);
        this.room(to - from);
        // After room(): when the source is this encoder, its buffer may just have been replaced.
        this.recent.encoder(slot).buf.copy(this.buf, this.used, from, to);
        this.used += to - from;
        continue;
      }
      this.room(part.length * 3);
      const start = this.used;
      this.used += this.buf.write(part, start);
      this.recent.remember(part, this, start, this.used);
    }
    this.endList.push(this.used);
    this.ownerList.push(owner);
  }

  finish(): { bytes: Uint8Array; ends: Uint32Array; owner: Uint32Array } {
    return { bytes: new Uint8Array(this.buf.buffer, 0, this.used), ends: Uint32Array.from(this.endList), owner: Uint32Array.from(this.ownerList) };
  }

  /** Makes room for `bytes` more bytes (a UTF-16 unit takes at most 3 in UTF-8). */
  private room(bytes: number): void {
    const need = this.used + bytes;
    if (need <= this.buf.length) return;
    const bigger = Buffer.from(this.shelf.take(Math.max(need, this.buf.length * 2)));
    this.buf.copy(bigger, 0, 0, this.used);
    this.shelf.put(this.buf.buffer as ArrayBuffer);
    this.buf = bigger;
  }
}
