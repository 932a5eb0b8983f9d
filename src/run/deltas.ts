import { makeDir } from './make-dir.js';
import { removeDeadRunFiles } from './dead-run-files.js';
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile, open } from 'node:fs/promises';
import path from 'node:path';
import { ShelfcastError } from '../issues/issue.js';
import { feedStateDir } from './state-paths.js';

/** Item id -> content hash of what the channel holds (as last acknowledged). */
export type ItemHashes = Map<string, string>;

/** JSON with object keys sorted, so equal content always hashes equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Content hash of one item as sent (sha-256 of its stable JSON, base64url, 22 chars: 128 bits). */
export function itemHash(record: unknown): string {
  return createHash('sha256').update(stableJson(record)).digest('base64url').slice(0, 22);
}

export interface DeltaPlan {
  /** Items new or changed since the last acknowledged push (all items with `full`), with their hash. */
  changed: Array<{ id: string; hash: string }>;
  /** Ids the channel holds that are gone from the feed. */
  deleted: string[];
  /** Items the channel already holds as they are. */
  unchanged: number;
}

/**
 * Compares the built items with what the channel holds. `full` sends every item again (after a
 * change on the channel's side, or to repair), but still deletes only what is gone.
 */
export function computeDelta(previous: ItemHashes, current: Iterable<{ id: string; hash: string }>, options: { full?: boolean } = {}): DeltaPlan {
  const changed: DeltaPlan['changed'] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const item of current) {
    seen.add(item.id);
    if (!options.full && previous.get(item.id) === item.hash) unchanged++;
    else changed.push(item);
  }
  const deleted = [...previous.keys()].filter((id) => !seen.has(id));
  return { changed, deleted, unchanged };
}

/** Where a feed's item hashes live: `<state>/feeds/<feed>/items-<destination>.json`. */
export const hashesFile = (stateDir: string, feedId: string, destination: string): string =>
  path.join(feedStateDir(stateDir, feedId), `items-${destination.replace(/[^a-z0-9-]/gi, '_')}.json`);

/** Reads the hashes of what the channel holds; none on the first push. */
export async function loadHashes(file: string): Promise<ItemHashes> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new ShelfcastError(`${file}: cannot read the item hashes: ${(err as Error).message}`, { cause: err, exitCode: 1 });
  }
  try {
    const doc = JSON.parse(text) as { version: number; items: Record<string, string> };
    return new Map(Object.entries(doc.items));
  } catch (cause) {
    throw new ShelfcastError(`${file}: the item hashes are damaged (delete the file and run with --full)`, { cause, exitCode: 1 });
  }
}

/** Writes the hashes atomically (temp file, fsync, rename); removes the temp files of killed runs. */
export async function saveHashes(file: string, hashes: ItemHashes): Promise<void> {
  await makeDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  const items = Object.fromEntries([...hashes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFile(tmp, `${JSON.stringify({ version: 1, items })}\n`);
  const fh = await open(tmp, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, file);
  await removeDeadRunFiles(path.dirname(file), `${path.basename(file)}.`);
}

/** The hashes after a push: acknowledged upserts take their new hash, acknowledged deletes go. */
export function applyAcknowledged(previous: ItemHashes, upserts: Iterable<[string, string]>, deletes: Iterable<string>): ItemHashes {
  const next = new Map(previous);
  for (const [id, hash] of upserts) next.set(id, hash);
  for (const id of deletes) next.delete(id);
  return next;
}
