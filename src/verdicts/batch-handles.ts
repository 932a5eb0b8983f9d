import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AtomicFile } from '../run/atomic-file.js';
import { readTextIfExists } from '../util/read-if-exists.js';
import { verdictsDir } from './store.js';

/** One batch a push handed to a channel and polled: the channel's handle and the items in it, in order. */
export interface KeptBatch {
  handle: string;
  op: 'upsert' | 'delete';
  /** Item ids in request order (Meta reports errors by request line). */
  ids: string[];
}

/** The batches of one push: what the verdict readers of batch channels (Meta, Pinterest) ask about. */
export interface KeptBatches {
  /** When the push ran (ISO 8601). */
  pushedAt: string;
  batches: KeptBatch[];
}

/** Pushes kept per feed and channel; older files are removed (their handles expire at the channel). */
const KEEP = 5;

/**
 * `feeds/<feed>/verdicts/batches/<key>-<stamp>.json`: beside the verdicts, one file per push, each
 * written whole. Handles and item ids only: no token or request body is ever written here.
 */
const batchesDir = (state: string, feedId: string): string => path.join(verdictsDir(state, feedId), 'batches');

async function names(state: string, feedId: string, key: string): Promise<string[]> {
  const all = await readdir(batchesDir(state, feedId)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return all.filter((n) => n.startsWith(`${key}-`) && n.endsWith('.json')).sort().reverse();
}

/**
 * Collects the batches of one push as the push polls them (a batch resumed from the journal is
 * polled too, so it is kept as well), then saves them for the verdict reader.
 */
export class BatchKeeper {
  private readonly batches = new Map<string, KeptBatch>();

  constructor(private readonly key: string) {}

  /** Wraps a channel API's `poll` so each polled handle is kept with its items. */
  wrap<R>(poll: (handle: string, op: KeptBatch['op'], ids: string[]) => Promise<R>): (handle: string, op: KeptBatch['op'], ids: string[]) => Promise<R> {
    return (handle, op, ids) => {
      if (!this.batches.has(handle)) this.batches.set(handle, { handle, op, ids: [...ids] });
      return poll(handle, op, ids);
    };
  }

  /** Writes this push's batches (none when nothing was sent) and drops all but the last few pushes. */
  async save(state: string, feedId: string, now: Date): Promise<void> {
    const stamp = now.toISOString().replace(/[-:.]/g, '');
    const kept: KeptBatches = { pushedAt: now.toISOString(), batches: [...this.batches.values()] };
    await AtomicFile.writeWhole(path.join(batchesDir(state, feedId), `${this.key}-${stamp}.json`), `${JSON.stringify(kept)}\n`);
    for (const old of (await names(state, feedId, this.key)).slice(KEEP)) await rm(path.join(batchesDir(state, feedId), old), { force: true });
  }
}

/** The batches of the feed's latest push to the channel `key`; undefined when it never pushed. */
export async function readLatestBatches(state: string, feedId: string, key: string): Promise<KeptBatches | undefined> {
  const [newest] = await names(state, feedId, key);
  if (!newest) return undefined;
  const file = path.join(batchesDir(state, feedId), newest);
  const text = await readTextIfExists(file, 'the batch handles of the last push');
  return text === undefined ? undefined : (JSON.parse(text) as KeptBatches);
}
