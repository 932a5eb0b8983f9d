import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadedFeed, LoadedProject } from '../../config/load.js';
import { ShelfcastError } from '../../issues/issue.js';

/** `--shard K/N`: shard K (0-based, as Kubernetes' JOB_COMPLETION_INDEX counts) of N. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Most shards of one build: beyond this the merge's open files and the manifests' checks cost more than the shards save. */
export const MAX_SHARDS = 1000;

export function parseShardSpec(value: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && count <= MAX_SHARDS && index >= 0 && index < count)) {
    throw new ShelfcastError(`--shard ${value}: give K/N with N from 1 to ${MAX_SHARDS} and K from 0 to N-1 (the first shard is 0, as JOB_COMPLETION_INDEX counts)`);
  }
  return { index, count };
}

export function parseShardCount(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_SHARDS)) throw new ShelfcastError(`--shards ${value}: give a whole number from 1 to ${MAX_SHARDS}`);
  return n;
}

const width = (count: number): number => String(count - 1).length;
/** `shard-03-of-12`: sorts in shard order in any listing. */
export const shardName = (s: ShardSpec): string => `shard-${String(s.index).padStart(width(s.count), '0')}-of-${s.count}`;
export const manifestName = (s: ShardSpec): string => `${shardName(s)}.json`;
export const unitsName = (s: ShardSpec): string => `${shardName(s)}.units`;

const MANIFEST_FORMAT = 'shelfcast.shard';
export const MANIFEST_VERSION = 1;

/**
 * What a shard wrote, written after its units file is complete: the merge checks that every shard
 * of the set read the same catalog bytes with the same configuration, clock and shelfcast version.
 */
export interface ShardManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  shelfcast: string;
  shard: number;
  shards: number;
  /** The clock of the build: every shard of a set must use the same one. */
  at: string;
  catalog: { name: string; bytes: number; sha256: string };
  /** SHA-256 of the project and feed configuration the shard used. */
  config: string;
  /** SHA-256 of the stock allocation the shard read from the ledger, for projects with `stock:`. */
  stock?: string;
  /** SHA-256 of where every unit of the catalog starts and ends, as this shard cut it. */
  cut: string;
  /** `--unit-bytes`/`--unit-rows` (null: the defaults): every shard must cut the catalog alike. */
  unitSizes: { bytes: number | null; rows: number | null };
  /** The feeds built, in order. */
  feeds: string[];
  only?: string[];
  endianness: 'LE' | 'BE';
  /** Units of work this shard processed, and product candidates in them. */
  units: number;
  rows: number;
  /** The catalog header's problems and the issues known after the last row, V8-serialized, base64. */
  extras: string;
  /** The units file: its name, length and SHA-256. */
  file: { name: string; bytes: number; sha256: string };
  builtAt: string;
  host: string;
}

export function newManifest(fields: Omit<ShardManifest, 'format' | 'version' | 'endianness' | 'host'>): ShardManifest {
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, ...fields, endianness: os.endianness(), host: os.hostname() };
}

export function isManifest(x: unknown): x is ShardManifest {
  const m = x as ShardManifest | null;
  return typeof m === 'object' && m !== null && m.format === MANIFEST_FORMAT;
}

/** The tables a feed's rules read (`lookup: { file }`, `categories: { file }`, wherever rules sit in its settings). */
function tableFiles(config: unknown, out: string[] = []): string[] {
  if (Array.isArray(config)) for (const v of config) tableFiles(v, out);
  else if (config !== null && typeof config === 'object') {
    for (const [key, v] of Object.entries(config)) {
      const file = (v as { file?: unknown } | null)?.file;
      if ((key === 'lookup' || key === 'categories') && typeof file === 'string') out.push(file);
      tableFiles(v, out);
    }
  }
  return out;
}

/**
 * The configuration the feeds are made from, as one hash: the project file's settings, each
 * selected feed's settings and the content of the tables its rules read (a lookup table edited
 * between two shards changes the feeds as much as a setting does), never the folder the project
 * sits in (pods check it out elsewhere).
 */
export function configFingerprint(project: LoadedProject, feeds: readonly LoadedFeed[], allocation?: Map<string, Map<string, number>>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(project.config));
  for (const f of feeds) {
    h.update(`\n${f.id}\n${f.fileName}\n${JSON.stringify(f.config)}`);
    for (const file of tableFiles(f.config)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path.resolve(project.root, path.dirname(f.file), file));
      } catch (cause) {
        throw new ShelfcastError(`${f.file}: cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? cause} (the path is relative to the feed file)`, { cause });
      }
      h.update(`\n${file}\n${bytes.length}\n`);
      h.update(bytes);
    }
  }
  if (allocation) h.update(`\n${JSON.stringify([...allocation].map(([sku, m]) => [sku, [...m]]))}`);
  return h.digest('hex');
}

/** Length and SHA-256 of a local file. */
export async function fileFingerprint(file: string): Promise<{ bytes: number; sha256: string }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    h.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: h.digest('hex') };
}
