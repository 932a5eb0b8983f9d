import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { ItemLocation } from '../run/feed-output.js';

/** A published file that does not hold what was published: gone, shorter, longer, other bytes. */
export class ChangedFile extends Error {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`${file}: ${why}`);
    this.name = 'ChangedFile';
  }
}

/** One file of the published feed, as the item index lists it. */
export interface PartFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** A file that cannot be read is no copy of the publish either. */
const unreadable =
  (f: PartFile) =>
  (err: Error): never => {
    throw new ChangedFile(f.path, `cannot be read: ${err.message}`);
  };

/** Reads are this large at least: few large reads, as the writer makes few large writes. */
const CHUNK = 1 << 20;

/**
 * Reads the items of a published feed at the places its index names, front to back through each
 * part, once. Every byte read goes through a SHA-256, and finish() checks each part against the
 * published hash: items read from a file changed since then are not trusted.
 */
export class PartReader {
  private part = 0;
  private fh: FileHandle | undefined;
  private hash: Hash | undefined;
  /** File bytes [start, start + buf.length) not handed out yet. */
  private buf = Buffer.alloc(0);
  private start = 0;
  private readonly headers = new Map<number, string>();

  constructor(private readonly files: readonly PartFile[]) {}

  /** The text of the item at `at`; items must come in the order they were written. */
  async read(at: ItemLocation): Promise<string> {
    if (at.part !== this.part) await this.moveTo(at.part);
    if (at.offset < this.start) throw new Error(`item at ${at.part}:${at.offset} comes after one ending at ${this.start}`);
    const end = at.offset + at.length;
    await this.fill(end);
    if (!this.headers.has(at.part)) this.headers.set(at.part, this.buf.toString('utf8', 0, at.offset - this.start));
    const from = at.offset - this.start;
    const text = this.buf.toString('utf8', from, from + at.length);
    this.buf = this.buf.subarray(from + at.length);
    this.start = end;
    return text;
  }

  /** The text before the first item of `part` (the document header: CSV and TSV column names). */
  header(part: number): string {
    return this.headers.get(part) ?? '';
  }

  /** Reads what is left of every part and checks each against its published size and hash. */
  async finish(): Promise<void> {
    await this.moveTo(this.files.length + 1);
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
  }

  private async moveTo(part: number): Promise<void> {
    if (part < this.part || part > this.files.length + 1) throw new Error(`item in part ${part} after part ${this.part} (the feed has ${this.files.length})`);
    // Parts without an item of the index are checked whole, too.
    while (this.part < part) {
      if (this.fh) {
        await this.drain();
        await this.close();
        const f = this.files[this.part - 1]!;
        if (this.start !== f.bytes) throw new ChangedFile(f.path, `${this.start} bytes, published ${f.bytes}`);
        if (this.hash!.digest('hex') !== f.sha256) throw new ChangedFile(f.path, 'its SHA-256 differs from the published one');
      }
      this.part++;
      if (this.part > this.files.length) return;
      const f = this.files[this.part - 1]!;
      try {
        this.fh = await open(f.path, 'r');
      } catch (err) {
        throw new ChangedFile(f.path, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : `cannot be read: ${(err as Error).message}`);
      }
      this.hash = createHash('sha256');
      this.buf = Buffer.alloc(0);
      this.start = 0;
    }
  }

  /** Reads on until the buffer reaches file offset `end`. */
  private async fill(end: number): Promise<void> {
    while (this.start + this.buf.length < end) {
      const kept = this.buf.length;
      const want = Math.max(CHUNK, end - this.start - kept);
      const next = Buffer.allocUnsafe(kept + want);
      this.buf.copy(next, 0);
      const f = this.files[this.part - 1]!;
      const { bytesRead } = await this.fh!.read(next, kept, want, this.start + kept).catch(unreadable(f));
      if (bytesRead === 0) throw new ChangedFile(f.path, `shorter than the published ${f.bytes} bytes`);
      this.hash!.update(next.subarray(kept, kept + bytesRead));
      this.buf = next.subarray(0, kept + bytesRead);
    }
  }

  /** Reads (and hashes) the rest of the open part, keeping nothing; `start` ends at its size. */
  private async drain(): Promise<void> {
    this.start += this.buf.length;
    this.buf = Buffer.alloc(0);
    const chunk = Buffer.allocUnsafe(CHUNK);
    const f = this.files[this.part - 1]!;
    for (;;) {
      const { bytesRead } = await this.fh!.read(chunk, 0, CHUNK, this.start).catch(unreadable(f));
      if (bytesRead === 0) return;
      this.hash!.update(chunk.subarray(0, bytesRead));
      this.start += bytesRead;
    }
  }
}
