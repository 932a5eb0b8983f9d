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

/** Where the text of one written item lies: part number (1 = the feed file), byte offset and length in it. */
export interface ItemLocation {
  part: number;
  offset: number;
  length: number;
}

/**
 * The output of one feed: serialized records streamed into atomic files, split into parts where
 * the format has limits (Amazon: 25,000 messages or 10 MiB per document). Nothing replaces a
 * published file until commit().
 */
export class FeedOutput {
  private parts: AtomicFile[] = [];
  private current: AtomicFile | undefined;
  private itemsInPart = 0;
  private readonly footerBytes: number;
  /** Records written across all parts. */
  items = 0;

  constructor(
    private readonly dir: string,
    private readonly fileName: string,
    private readonly format: FormatSpec,
    private readonly serializer: Serializer,
  ) {
    this.footerBytes = Buffer.byteLength(serializer.footer());
  }

  private async openPart(): Promise<AtomicFile> {
    const file = await AtomicFile.create(path.join(this.dir, partName(this.fileName, this.parts.length + 1)));
    this.parts.push(file);
    this.current = file;
    this.itemsInPart = 0;
    await file.write(this.serializer.header());
    return file;
  }

  /** Writes one record; returns where its text (separator included) lies in the part files. */
  async write(record: FeedRecord): Promise<ItemLocation> {
    let file = this.current ?? (await this.openPart());
    let text = this.serializer.item(record);
    const split = this.format.split;
    if (split && this.itemsInPart > 0) {
      const tooMany = split.maxItems !== undefined && this.itemsInPart >= split.maxItems;
      const tooBig = split.maxBytes !== undefined && file.bytes + Buffer.byteLength(text) + this.footerBytes > split.maxBytes;
      if (tooMany || tooBig) {
        await file.write(this.serializer.footer());
        await file.close();
        file = await this.openPart();
        // Serializers may carry per-part state (separators, message ids): ask again in the new part.
        text = this.serializer.item(record);
      }
    }
    this.itemsInPart++;
    this.items++;
    const offset = file.bytes;
    const flushing = file.write(text);
    const at = { part: this.parts.length, offset, length: file.bytes - offset };
    if (flushing) await flushing;
    return at;
  }

  /** Ends every part; the temp files are complete and fsynced but not yet in place. */
  async close(): Promise<void> {
    const file = this.current ?? (await this.openPart());
    await file.write(this.serializer.footer());
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
