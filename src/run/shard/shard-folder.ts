import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { readTextIfExists } from '../../util/read-if-exists.js';
import { ShelfcastError } from '../../issues/issue.js';
import { AtomicFile } from '../atomic-file.js';
import { isManifest, manifestName, unitsName, type ShardManifest, type ShardSpec } from './shard-set.js';

/** A units file being written: complete and in place only with commit(). */
export interface UnitsWriter {
  write(bytes: Uint8Array): Promise<void> | undefined;
  /** Ends the file; its length and SHA-256. */
  close(): Promise<{ bytes: number; sha256: string }>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** The frames of a units file, in order: each frame in its own buffer, read ahead in large blocks. */
export interface UnitsReader {
  next(): Promise<Uint8Array | undefined>;
  /** Length and SHA-256 of everything read so far (the whole file, once next() gave undefined). */
  digest(): { bytes: number; sha256: string };
  close(): Promise<void>;
}

/** Where the shards of a build meet: a folder (local or mounted) or an S3 prefix (see s3-shard-folder). */
export interface ShardFolder {
  /** How messages name it: the folder's path or `s3://bucket/prefix`. */
  readonly dir: string;
  writeUnits(spec: ShardSpec): Promise<UnitsWriter>;
  writeManifest(spec: ShardSpec, manifest: ShardManifest): Promise<void>;
  readManifest(spec: ShardSpec): Promise<ShardManifest | undefined>;
  counts(): Promise<number[]>;
  openUnits(spec: ShardSpec): Promise<UnitsReader>;
  clock(key: string, proposed: Date): Promise<string>;
}

/** `--shard-dir`: an S3 prefix (`s3://bucket/prefix`, the client set up from the AWS_* variables) or a folder. */
export async function openShardFolder(location: string, cwd: string, env: NodeJS.ProcessEnv): Promise<ShardFolder> {
  if (/^s3:\/\//i.test(location)) return (await import('./s3-shard-folder.js')).S3ShardFolder.open(location, env);
  return new LocalShardFolder(path.resolve(cwd, location));
}

/** The manifest's text as a manifest, or a clear refusal naming where it came from. */
export function parseManifest(where: string, text: string): ShardManifest {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (cause) {
    throw new ShelfcastError(`${where}: not a shard manifest (not JSON); run that shard again`, { cause });
  }
  if (!isManifest(m)) throw new ShelfcastError(`${where}: not a shard manifest; run that shard again`);
  return m;
}

/** The shard counts named by manifest file names (a merge given the wrong --shards says which). */
export function countsIn(names: readonly string[]): number[] {
  const found = new Set(names.map((n) => /^shard-\d+-of-(\d+)\.json$/.exec(n)?.[1]).filter((n): n is string => n !== undefined).map(Number));
  return [...found].sort((a, b) => a - b);
}

/**
 * A local (or shared, mounted) folder. Every file goes in atomically, so a shard killed or run
 * twice leaves the previous complete files or the new ones.
 */
export class LocalShardFolder implements ShardFolder {
  constructor(readonly dir: string) {}

  async writeUnits(spec: ShardSpec): Promise<UnitsWriter> {
    const file = await AtomicFile.create(path.join(this.dir, unitsName(spec)));
    return {
      write: (bytes) => file.writeBytes(bytes),
      close: async () => {
        await file.close();
        return { bytes: file.bytes, sha256: file.sha256 };
      },
      commit: () => file.commit(),
      discard: () => file.discard(),
    };
  }

  /** Written last: a shard counts as done once its manifest is there. */
  async writeManifest(spec: ShardSpec, manifest: ShardManifest): Promise<void> {
    await AtomicFile.writeWhole(path.join(this.dir, manifestName(spec)), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /** The shard's manifest, or undefined when the shard has not finished (yet). */
  async readManifest(spec: ShardSpec): Promise<ShardManifest | undefined> {
    const file = path.join(this.dir, manifestName(spec));
    const text = await readTextIfExists(file, 'the shard manifest');
    return text === undefined ? undefined : parseManifest(file, text);
  }

  /** The shard counts of the manifests in the folder (a merge given the wrong --shards says which). */
  async counts(): Promise<number[]> {
    return countsIn(await readdir(this.dir).catch(() => [] as string[]));
  }

  async openUnits(spec: ShardSpec): Promise<UnitsReader> {
    const file = path.join(this.dir, unitsName(spec));
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (cause) {
      throw new ShelfcastError(`${file}: cannot read the shard's units: ${(cause as Error).message}; run that shard again`, { cause });
    }
    return frameReader(file, fh, spec.count);
  }

  /** Where a copy of another store's units file is read from (see S3ShardFolder). */
  static openFile(file: string, fh: FileHandle, open: number): UnitsReader {
    return frameReader(file, fh, open);
  }

  /**
   * The clock of a shard set: the first shard of a catalog and configuration (`key`) sets it, the
   * others and every retry read it, so that all shards decide dates (sales running, expiry) alike.
   */
  async clock(key: string, proposed: Date): Promise<string> {
    const file = path.join(this.dir, `clock-${key}.json`);
    await mkdir(this.dir, { recursive: true });
    const at = proposed.toISOString();
    try {
      await writeFile(file, `${JSON.stringify({ at })}\n`, { flag: 'wx' });
      return at;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ShelfcastError(`${file}: cannot write the shard set's clock: ${(err as Error).message}`, { cause: err });
    }
    // Another shard created it a moment ago: wait until its content is there.
    for (let attempt = 0; ; attempt++) {
      const text = await readFile(file, 'utf8');
      try {
        return (JSON.parse(text) as { at: string }).at;
      } catch (cause) {
        if (attempt > 50) throw new ShelfcastError(`${file}: the shard set's clock is damaged; delete it and run the shards again`, { cause });
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
}

/**
 * Read-ahead per units file: 1 MiB, less when many are open at once (the merge reads all N in
 * turn), so that the merge's memory stays near 256 MiB of blocks at most whatever N.
 */
const blockBytes = (open: number): number => Math.max(64 * 1024, Math.min(1 << 20, Math.floor((256 << 20) / open)));

function frameReader(file: string, fh: FileHandle, open = 1): UnitsReader {
  const BLOCK = blockBytes(open);
  let block = Buffer.alloc(0);
  let at = 0;
  let pos = 0;
  const hash = createHash('sha256');
  /** Exactly `n` bytes at the read position, in a fresh buffer; fewer only at the end of the file. */
  const take = async (n: number): Promise<Uint8Array> => {
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      if (at === block.length) {
        block = Buffer.allocUnsafe(BLOCK);
        const { bytesRead } = await fh.read(block, 0, BLOCK, pos);
        pos += bytesRead;
        block = block.subarray(0, bytesRead);
        hash.update(block);
        at = 0;
        if (bytesRead === 0) return out.subarray(0, got);
      }
      const k = Math.min(n - got, block.length - at);
      out.set(block.subarray(at, at + k), got);
      got += k;
      at += k;
    }
    return out;
  };
  return {
    async next() {
      const head = await take(4);
      if (head.length === 0) return undefined;
      const length = head.length === 4 ? Buffer.from(head.buffer).readUInt32LE(0) : -1;
      const frame = length >= 0 ? await take(length) : head;
      if (length < 0 || frame.length !== length) throw new ShelfcastError(`${file}: the units file ends in the middle of a unit; run that shard again`);
      return frame;
    },
    digest: () => ({ bytes: pos, sha256: hash.copy().digest('hex') }),
    close: () => fh.close(),
  };
}
