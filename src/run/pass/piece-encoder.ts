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

  constructor(private readonly shelf: BufferShelf) {
    this.buf = Buffer.from(shelf.take(INITIAL_BYTES));
  }

  /** Appends the body of a record of product `owner` (its index in the unit). */
  add(text: string, owner: number): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    const need = this.used + text.length * 3;
    if (need > this.buf.length) {
      const bigger = Buffer.from(this.shelf.take(Math.max(need, this.buf.length * 2)));
      this.buf.copy(bigger, 0, 0, this.used);
      this.shelf.put(this.buf.buffer as ArrayBuffer);
      this.buf = bigger;
    }
    this.used += this.buf.write(text, this.used);
    this.endList.push(this.used);
    this.ownerList.push(owner);
  }

  finish(): { bytes: Uint8Array; ends: Uint32Array; owner: Uint32Array } {
    return { bytes: new Uint8Array(this.buf.buffer, 0, this.used), ends: Uint32Array.from(this.endList), owner: Uint32Array.from(this.ownerList) };
  }
}
