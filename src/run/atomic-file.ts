import { makeDir } from './make-dir.js';
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ShelfcastError } from '../issues/issue.js';
import { removeStaleTemps } from '../transports/atomic-copy.js';
import { tempName } from '../transports/temp-name.js';

/** Flush threshold: few large writes are much cheaper than one write per item. */
const BATCH_BYTES = 1 << 20;
/** A batch with less room than this is written out (most items are far smaller). */
const FLUSH_ROOM = 64 * 1024;
const EMPTY = Buffer.alloc(0);
/**
 * Batches no file is filling, shared by every file of the process: each open file holds one, and
 * the one the disk is being given comes back here when written. Each file kept its own spare
 * before, two batches per file: a six-feed build writes twelve files at once (feeds and item
 * indexes): with shared spares its peak RSS at 200,000 rows was 215 / 206 MiB against 215 / 229
 * (alternated pairs, one thread; BENCHMARKS.md).
 */
const spareBatches: Buffer[] = [];
/** Spares kept: batches being written at once (each flush waits for its file's disk write). */
const SPARES_KEPT = 4;

const takeBatch = (): Buffer => spareBatches.pop() ?? Buffer.allocUnsafe(BATCH_BYTES);
function putBatch(batch: Buffer): void {
  if (batch.length === BATCH_BYTES && spareBatches.length < SPARES_KEPT) spareBatches.push(batch);
}

export interface AtomicFileOptions {
  /** Compute the SHA-256 of the content (published feeds are identified by it); default true. */
  hash?: boolean;
}

/**
 * A file written under a temporary name in its final folder and renamed into place only when
 * complete and fsynced, so a reader (or a run killed at any moment) sees the old file or the new
 * one, never a mix.
 */
export class AtomicFile {
  readonly finalPath: string;
  readonly tempPath: string;
  private stream: WriteStream;
  /** Text is encoded straight into this batch: no string kept alive, no join, one UTF-8 pass. */
  private batch: Buffer = takeBatch();
  private used = 0;
  /** Encoded texts too long for the room left in the batch, in order after it. */
  private overflow: Buffer[] = [];
  /** Bytes written so far (UTF-8), including pending text. */
  bytes = 0;
  private failure: Error | undefined;
  private readonly hash: Hash | undefined;
  /** SHA-256 of the content, hex; set by close() (empty when hashing is off). */
  sha256 = '';

  private constructor(finalPath: string, options: AtomicFileOptions) {
    this.finalPath = finalPath;
    this.hash = options.hash === false ? undefined : createHash('sha256');
    const dir = path.dirname(finalPath);
    this.tempPath = path.join(dir, tempName(path.basename(finalPath)));
    this.stream = createWriteStream(this.tempPath, { flags: 'wx' });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  static async create(finalPath: string, options: AtomicFileOptions = {}): Promise<AtomicFile> {
    await makeDir(path.dirname(finalPath));
    // A run killed mid-write leaves its temp file; writers of one target never overlap (run lock).
    await removeStaleTemps(path.dirname(finalPath), path.basename(finalPath));
    const f = new AtomicFile(finalPath, options);
    await new Promise<void>((resolve, reject) => {
      f.stream.once('open', () => resolve());
      f.stream.once('error', (err) => reject(writeError(finalPath, err)));
    });
    return f;
  }

  /** Writes a whole small file (a summary, a record, a report) atomically: temp file, fsync, rename. */
  static async writeWhole(finalPath: string, text: string, options: AtomicFileOptions = {}): Promise<void> {
    const f = await AtomicFile.create(finalPath, options);
    f.write(text);
    await f.close();
    await f.commit();
  }

  /** Queues text; resolves at once unless a flush must wait for the disk (backpressure). */
  write(text: string): Promise<void> | undefined {
    const room = BATCH_BYTES - this.used;
    let n: number;
    // A UTF-16 unit takes at most 3 bytes in UTF-8, so a text within room/3 units surely fits.
    if (this.overflow.length === 0 && text.length * 3 <= room) {
      n = this.batch.write(text, this.used);
      this.used += n;
    } else {
      const encoded = Buffer.from(text);
      n = encoded.length;
      if (this.overflow.length === 0 && n <= room) {
        encoded.copy(this.batch, this.used);
        this.used += n;
      } else {
        this.overflow.push(encoded);
      }
    }
    this.bytes += n;
    return this.used >= BATCH_BYTES - FLUSH_ROOM || this.overflow.length > 0 ? this.flush() : undefined;
  }

  /**
   * Queues bytes already encoded (by a worker thread); like write(), resolves at once unless
   * flushing. They are copied into the batch: the caller may reuse its buffer once this returns,
   * or, when it returns a promise, once that settles.
   */
  writeBytes(bytes: Uint8Array): Promise<void> | undefined {
    const n = bytes.length;
    // Counted at once, as write() does, so the caller can tell where they went.
    this.bytes += n;
    if (this.overflow.length === 0 && n <= BATCH_BYTES - this.used) {
      this.batch.set(bytes, this.used);
      this.used += n;
      return this.used >= BATCH_BYTES - FLUSH_ROOM ? this.flush() : undefined;
    }
    // More than the batch holds: copied batch by batch, the first part now, before any await.
    const k = this.overflow.length === 0 ? BATCH_BYTES - this.used : 0;
    if (k > 0) {
      this.batch.set(bytes.subarray(0, k), this.used);
      this.used += k;
    }
    const rest = bytes.subarray(k);
    return this.flush().then(() => this.writeRest(rest));
  }

  /** The rest of a large writeBytes(), batch by batch. */
  private async writeRest(rest: Uint8Array): Promise<void> {
    for (let off = 0; off < rest.length; ) {
      const k = Math.min(BATCH_BYTES - this.used, rest.length - off);
      this.batch.set(rest.subarray(off, off + k), this.used);
      this.used += k;
      off += k;
      if (this.used >= BATCH_BYTES - FLUSH_ROOM) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.failure) throw writeError(this.finalPath, this.failure);
    if (this.used === 0 && this.overflow.length === 0) return;
    const full = this.batch;
    const parts = [full.subarray(0, this.used), ...this.overflow];
    // The stream keeps the written buffer until the disk has it: the next batch is another one.
    // A fresh batch per flush would pile up until a late GC: the written ones are used again.
    this.batch = takeBatch();
    this.used = 0;
    this.overflow = [];
    const chunk = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.hash?.update(chunk);
    const written = this.stream.write(chunk, (err) => {
      if (!err) putBatch(full);
    });
    if (!written) {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(writeError(this.finalPath, err));
        this.stream.once('error', onError);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
      });
    }
  }

  /** Writes what is pending, fsyncs and closes the temp file; the final file is untouched. */
  async close(): Promise<void> {
    await this.flush();
    // A closed file is kept until commit (a split feed keeps every part): it keeps no buffers.
    putBatch(this.batch);
    this.batch = EMPTY;
    this.sha256 = this.hash?.digest('hex') ?? '';
    await new Promise<void>((resolve, reject) => {
      this.stream.end((err?: Error | null) => (err ? reject(writeError(this.finalPath, err)) : resolve()));
    });
    if (this.failure) throw writeError(this.finalPath, this.failure);
    const fh = await open(this.tempPath, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** Renames the finished temp file over the final path and fsyncs the folder. */
  async commit(): Promise<void> {
    try {
      await rename(this.tempPath, this.finalPath);
    } catch (err) {
      throw writeError(this.finalPath, err as Error);
    }
    await syncDir(path.dirname(this.finalPath));
  }

  /** Removes the temp file (the final file stays as it was). */
  async discard(): Promise<void> {
    this.stream.destroy();
    await rm(this.tempPath, { force: true });
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
  }
}

function writeError(file: string, err: Error): ShelfcastError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full (free some space and run again)'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'the folder is not writable (check its permissions, or choose another output folder)'
        : (code ?? err.message);
  return new ShelfcastError(`${file}: cannot write the file: ${why}; the previous file is unchanged`, { cause: err, exitCode: 1 });
}
