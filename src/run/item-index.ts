import { open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ShelfcastError } from '../issues/issue.js';
import { AtomicFile } from './atomic-file.js';
import type { ItemLocation } from './feed-output.js';
import { writePublishedSummary, type PublishedSummary } from './published-summary.js';
import { feedStateDir, ITEM_INDEX_FILE, LEGACY_SNAPSHOT_FILE } from './state-paths.js';

/**
 * The item index of a published feed: where each item's text lies in the feed files, so `plan` can
 * read the published items from the files themselves instead of a second copy of every record.
 *
 *     {"format":"shelfcast.item-index","version":1}
 *     ["TEE-RED-S",1,245,1210]          one line per record: key, part, byte offset, byte length
 *     ["TEE-RED-M",1,1455,1207]
 *     {"published":{"runId":"20260101T000000Z-f3299a","files":[{"name":"google.xml","bytes":..,"sha256":".."}]}}
 *
 * Keys are the product id, or `id#k` for the k-th of several records of one product. The last line
 * names the files the offsets refer to, so an index is never read against other files.
 */
export interface IndexEntry extends ItemLocation {
  key: string;
}

/** The files an index describes (its last line), as published. */
export type IndexedFiles = Pick<PublishedSummary, 'runId' | 'files'>;

const FORMAT = 'shelfcast.item-index';
const VERSION = 1;
const HEADER = `${JSON.stringify({ format: FORMAT, version: VERSION })}\n`;

/** The key of the k-th (0-based) of `count` records of a product: its id, or `id#k+1` when there are several. */
export const recordKey = (productId: string, k: number, count: number): string => (count === 1 ? productId : `${productId}#${k + 1}`);

export const itemIndexPath = (stateDir: string, feedId: string): string => path.join(feedStateDir(stateDir, feedId), ITEM_INDEX_FILE);

/** Writes the index while the feed is built; becomes current, with the publish summary, only with commit(). */
export class ItemIndexWriter {
  private constructor(
    private readonly file: AtomicFile,
    private readonly stateDir: string,
    private readonly feedId: string,
  ) {}

  static async create(stateDir: string, feedId: string): Promise<ItemIndexWriter> {
    // The index is state, not a published file: nobody asks for its hash.
    const file = await AtomicFile.create(itemIndexPath(stateDir, feedId), { hash: false });
    file.write(HEADER);
    return new ItemIndexWriter(file, stateDir, feedId);
  }

  /** Notes where the record `key` was written; resolves at once unless the index waits for the disk. */
  add(key: string, at: ItemLocation): Promise<void> | undefined {
    return this.file.write(`[${JSON.stringify(key)},${at.part},${at.offset},${at.length}]\n`);
  }

  async commit(summary: PublishedSummary): Promise<void> {
    await this.file.write(`${JSON.stringify({ published: { runId: summary.runId, files: summary.files } })}\n`);
    await this.file.close();
    await this.file.commit();
    await writePublishedSummary(this.stateDir, this.feedId, summary);
    // The records an earlier version kept describe an older publish now.
    await rm(path.join(feedStateDir(this.stateDir, this.feedId), LEGACY_SNAPSHOT_FILE), { force: true });
  }

  async discard(): Promise<void> {
    await this.file.discard();
  }
}

const damaged = (file: string, what: string, cause?: unknown): ShelfcastError =>
  new ShelfcastError(`${file}: ${what}: the item index is damaged; delete it, and the next build writes it again (plan shows every item as new until then)`, { cause });

/**
 * An item index opened for reading: the files it describes (its last line) and its entries, as
 * often as asked, all from one open file, so a publish that replaces the index meanwhile (plan
 * takes no run lock) cannot mix a newer index with older files.
 */
export interface OpenedItemIndex {
  file: string;
  indexed: IndexedFiles;
  /** The entries, in the order the records were written. */
  entries(): AsyncGenerator<IndexEntry>;
  close(): Promise<void>;
}

/** Opens the index at `file`; undefined when there is none. Reads only its end until entries() is asked. */
export async function openItemIndex(file: string): Promise<OpenedItemIndex | undefined> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ShelfcastError(`${file}: cannot read the item index: ${(err as Error).message}`, { cause: err });
  }
  try {
    const indexed = await lastLine(file, fh);
    return { file, indexed, entries: () => entries(file, fh), close: () => fh.close() };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

async function lastLine(file: string, fh: FileHandle): Promise<IndexedFiles> {
  const size = (await fh.stat()).size;
  // Grow the tail read until it holds the whole last line (a line feed is never inside a UTF-8 sequence).
  for (let len = Math.min(size, 64 * 1024); ; len = Math.min(size, len * 4)) {
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, size - len);
    const end = buf[len - 1] === 0x0a ? len - 1 : len;
    const start = buf.lastIndexOf(0x0a, end - 1) + 1;
    if (start > 0 || len === size) {
      let last: { published?: IndexedFiles };
      try {
        last = JSON.parse(buf.toString('utf8', start, end)) as { published?: IndexedFiles };
      } catch (cause) {
        throw damaged(file, 'its last line is not the list of indexed files', cause);
      }
      if (!last?.published || !Array.isArray(last.published.files)) throw damaged(file, 'its last line is not the list of indexed files');
      return last.published;
    }
  }
}

/** The lines of the open file, by positional reads: each pass is independent, the handle stays open. */
async function* linesOf(fh: FileHandle): AsyncGenerator<string> {
  const chunk = Buffer.allocUnsafe(1 << 20);
  let rest = Buffer.alloc(0);
  for (let pos = 0; ; ) {
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    const data = rest.length ? Buffer.concat([rest, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let start = 0;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, start)) {
      yield data.toString('utf8', start, nl);
      start = nl + 1;
    }
    // Copied: the chunk is read into again.
    rest = Buffer.from(data.subarray(start));
  }
  if (rest.length) yield rest.toString('utf8');
}

async function* entries(file: string, fh: FileHandle): AsyncGenerator<IndexEntry> {
  let n = 0;
  for await (const line of linesOf(fh)) {
    n++;
    if (n === 1) {
      const head = parseLine(file, n, line) as { format?: string; version?: number } | null;
      if (head?.format !== FORMAT) throw damaged(file, 'its first line is not an item index header');
      if (head.version !== VERSION) throw new ShelfcastError(`${file}: item index version ${head.version} was written by a newer shelfcast; upgrade shelfcast to read it`);
      continue;
    }
    if (!line.startsWith('[')) continue;
    const e = parseLine(file, n, line);
    if (!Array.isArray(e) || typeof e[0] !== 'string' || !Number.isInteger(e[1]) || !Number.isInteger(e[2]) || !Number.isInteger(e[3])) throw damaged(file, `line ${n} is not an index entry`);
    yield { key: e[0], part: e[1] as number, offset: e[2] as number, length: e[3] as number };
  }
}

function parseLine(file: string, n: number, line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch (cause) {
    throw damaged(file, `line ${n} is not JSON`, cause);
  }
}
