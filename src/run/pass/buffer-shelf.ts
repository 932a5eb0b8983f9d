/**
 * Byte buffers passed back and forth between threads instead of allocated per unit: a fresh buffer
 * costs page faults and, handed to another thread, garbage that thread's collector only notices
 * late. The shelf hands out a kept buffer of at least the size asked for, or a new one.
 */
/** Smallest buffer made. */
const MIN_BYTES = 64 * 1024;

export class BufferShelf {
  private readonly free: ArrayBuffer[] = [];

  /** `keep`: buffers kept at most (about as many as are in use at once); more go to the garbage collector. */
  constructor(private readonly keep: number) {}

  take(minBytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size >= minBytes && (best < 0 || size < this.free[best]!.byteLength)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0]!;
    // Its own memory, not Node's shared pool, so that it can be transferred to another thread; a
    // power of two, so that buffers fit the next requests, which vary a little.
    let size = MIN_BYTES;
    while (size < minBytes) size *= 2;
    return new ArrayBuffer(size);
  }

  put(buffer: ArrayBuffer): void {
    if (buffer.byteLength === 0) return;
    if (this.free.length >= this.keep) {
      // Keep the larger ones: they fit more requests.
      let smallest = 0;
      for (let i = 1; i < this.free.length; i++) if (this.free[i]!.byteLength < this.free[smallest]!.byteLength) smallest = i;
      if (this.free[smallest]!.byteLength >= buffer.byteLength) return;
      this.free[smallest] = buffer;
      return;
    }
    this.free.push(buffer);
  }
}
