import { REPEATABLE_PART } from '../../serializers/serializer.js';
import type { BufferShelf } from './buffer-shelf.js';

/** Start size of a feed's body buffer for one unit; it doubles as needed. */
const INITIAL_BYTES = 1 << 20;

/**
 * The record bodies of one feed for one unit, UTF-8 encoded straight into one buffer that can be
 * handed to the main thread without a copy, and back for reuse (see BufferShelf).
 */
export class PieceEncoder {
  private buf: Buffer;
  private used = 0;
  private readonly endList: number[] = [];
  private readonly ownerList: number[] = [];
  /**
   * Per position in a record's parts: the last long part written there and where its bytes are
   * in `buf` (growing keeps offsets). By position, because the text around a description can be
   * long too, and it differs from record to record.
   */
  private readonly lastLong: string[] = [];
  private readonly lastStart: number[] = [];
  private readonly lastEnd: number[] = [];

  constructor(private readonly shelf: BufferShelf) {
    this.buf = Buffer.from(shelf.take(INITIAL_BYTES));
  }

  /**
   * Appends the body of a record of product `owner` (its index in the unit), given as parts
   * (Serializer.bodyParts). A long part equal to the last long one at its place (the next
   * variant's description) is copied as bytes: encoding it again was a tenth of a worker's time.
   */
  add(parts: readonly string[], owner: number): void {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const long = part.length >= REPEATABLE_PART;
      if (long && part === this.lastLong[i]) {
        const from = this.lastStart[i]!;
        const to = this.lastEnd[i]!;
        this.room(to - from);
        this.buf.copyWithin(this.used, from, to);
        this.used += to - from;
        continue;
      }
      this.room(part.length * 3);
      const start = this.used;
      this.used += this.buf.write(part, start);
      if (long) {
        this.lastLong[i] = part;
        this.lastStart[i] = start;
        this.lastEnd[i] = this.used;
      }
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
