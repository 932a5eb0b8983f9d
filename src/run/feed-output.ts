import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { FeedRecord, FormatSpec } from '../channels/define-channel.js';
import type { Serializer } from '../serializers/serializer.js';
import { AtomicFile } from './atomic-file.js';

/** `google.xml` -> `google.part-2.xml` for the second part of a split feed. */
export function partName(fileName: string, part: number): string {
  if (part === 1) return fileName;
  const ext = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)}.part-${part}${ext}`;
}

/** Where one item's text is in a feed: part number (1-based), byte offset in that part and byte length. */
export interface ItemLocation {
  part: number;
  offset: number;
  length: number;
}

const byteLength = (text: string | Uint8Array): number => (typeof text === 'string' ? Buffer.byteLength(text) : text.length);

/**
 * The output of one feed: serialized records streamed into atomic files, split into parts where
 * the format has limits (Amazon: 25,000 messages or 10 MiB per document). Nothing replaces a
 * published file until commit(). Item bodies arrive as text or, from worker threads, as UTF-8
 * bytes; the place-dependent lead (separators, message ids) is added here, the one writer.
 */
export class FeedOutput {
  private parts: AtomicFile[] = [];
  private current: AtomicFile | undefined;
  private itemsInPart = 0;
  private readonly footerBytes: number;
  /** Records written across all parts. */
  items = 0;
  /** Where the last written item went (updated in place by every write). */
  readonly last: ItemLocation = { part: 0, offset: 0, length: 0 };

  constructor(
    private readonly dir: string,
    private readonly fileName: string,
    private readonly format: FormatSpec,
    private readonly serializer: Serializer,
  ) {
    this.footerBytes = Buffer.byteLength(serializer.footer(1));
  }

  private async openPart(): Promise<AtomicFile> {
    const file = await AtomicFile.create(path.join(this.dir, partName(this.fileName, this.parts.length + 1)));
    this.parts.push(file);
    this.current = file;
    this.itemsInPart = 0;
    await file.write(this.serializer.header());
    return file;
  }

  /**
   * Writes one record (its body made here) and tells where its text went; `row` is its catalog row,
   * by default its `row` field (marketplace records carry it).
   */
  async write(record: FeedRecord, row = Number(record.row) || 0): Promise<ItemLocation> {
    await this.writeItem(this.serializer.body(record), row);
    return { ...this.last };
  }

  /**
   * Writes one record's body (text, or UTF-8 bytes) after its lead; resolves at once unless a part
   * must be opened or a flush waits for the disk.
   */
  writeItem(body: string | Uint8Array, row: number): Promise<void> | undefined {
    const file = this.current;
    if (file === undefined || (this.format.split && this.itemsInPart > 0)) return this.writeChecked(body, row);
    return this.append(file, this.serializer.lead?.(this.itemsInPart, row), body);
  }

  /** Items need nothing before them and the feed is never split: runs of bodies can go in one write (writeRun). */
  get plain(): boolean {
    return !this.serializer.lead && !this.format.split;
  }

  /** Writes `count` whole record bodies lying back to back in `bytes`, for a plain feed; `last` then spans them all. */
  writeRun(bytes: Uint8Array, count: number): Promise<void> | undefined {
    const file = this.current;
    if (file === undefined) return this.openPart().then((f) => this.append(f, undefined, bytes, count));
    return this.append(file, undefined, bytes, count);
  }

  /** The first item, and every item of a split format: opens a part first when needed. */
  private async writeChecked(body: string | Uint8Array, row: number): Promise<void> {
    let file = this.current ?? (await this.openPart());
    const split = this.format.split;
    let lead = this.serializer.lead?.(this.itemsInPart, row);
    if (split && this.itemsInPart > 0) {
      const tooMany = split.maxItems !== undefined && this.itemsInPart >= split.maxItems;
      const tooBig = split.maxBytes !== undefined && file.bytes + (lead ? Buffer.byteLength(lead) : 0) + byteLength(body) + this.footerBytes > split.maxBytes;
      if (tooMany || tooBig) {
        await file.write(this.serializer.footer(this.itemsInPart));
        await file.close();
        file = await this.openPart();
        // A lead depends on the record's place: ask again for the first place of the new part.
        lead = this.serializer.lead?.(0, row);
      }
    }
    await this.append(file, lead, body);
  }

  /** `body` holds `count` records (several only from writeRun, without a lead). */
  private append(file: AtomicFile, lead: string | undefined, body: string | Uint8Array, count = 1): Promise<void> | undefined {
    const start = file.bytes;
    const a = lead ? file.write(lead) : undefined;
    const b = typeof body === 'string' ? file.write(body) : file.writeBytes(body);
    this.itemsInPart += count;
    this.items += count;
    this.last.part = this.parts.length;
    this.last.offset = start;
    this.last.length = file.bytes - start;
    return a && b ? a.then(() => b) : (a ?? b);
  }

  /** Ends every part; the temp files are complete and fsynced but not yet in place. */
  async close(): Promise<void> {
    const file = this.current ?? (await this.openPart());
    await file.write(this.serializer.footer(this.itemsInPart));
    await file.close();
  }

  get files(): ReadonlyArray<{ tempPath: string; finalPath: string; bytes: number; sha256: string }> {
    return this.parts;
  }

  async commit(): Promise<void> {
    for (const p of this.parts) await p.commit();
    // A smaller feed than last time must not leave the old trailing parts behind.
    for (let n = this.parts.length + 1; ; n++) {
      const stale = path.join(this.dir, partName(this.fileName, n));
      try {
        await unlink(stale);
      } catch {
        break;
      }
    }
  }

  async discard(): Promise<void> {
    for (const p of this.parts) await p.discard();
  }
}
