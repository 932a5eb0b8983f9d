import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AtomicFile } from '../run/atomic-file.js';
import { feedStateDir } from '../run/state-paths.js';
import { summarizeVerdicts, type VerdictSet, type VerdictSummary } from './model.js';

/**
 * The channels' verdicts in the state folder, per feed:
 * `feeds/<feed>/verdicts/<stamp>.json` holds one whole fetch (items keyed by id), and
 * `<stamp>.summary.json` its numbers, so `status`, `history` and the charts read a few hundred
 * bytes per fetch instead of every item. Stamps sort by time; the newest is the current verdict.
 */
export const verdictsDir = (state: string, feedId: string): string => path.join(feedStateDir(state, feedId), 'verdicts');

/**
 * `<time>-<sequence>[-<run id>]`: the time orders fetches, and the sequence (fetches kept before
 * this one) orders those of one time, which all are when the clock is pinned (SOURCE_DATE_EPOCH).
 */
const stampOf = (set: VerdictSet, kept: number): string => `${set.fetchedAt.replace(/[-:.]/g, '')}-${String(kept).padStart(6, '0')}${set.runId ? `-${set.runId}` : ''}`;

/** Keeps a fetch and its summary (each written whole: a reader never sees half of one). */
export async function saveVerdicts(state: string, set: VerdictSet): Promise<VerdictSummary> {
  const dir = verdictsDir(state, set.feed);
  const stamp = stampOf(set, (await stamps(state, set.feed, '.summary.json')).length);
  const byId = Object.fromEntries([...set.items].sort((a, b) => a.id.localeCompare(b.id)).map((i) => [i.id, i]));
  const summary = summarizeVerdicts(set);
  await AtomicFile.writeWhole(path.join(dir, `${stamp}.json`), `${JSON.stringify({ ...set, items: byId }, null, 1)}\n`);
  await AtomicFile.writeWhole(path.join(dir, `${stamp}.summary.json`), `${JSON.stringify(summary)}\n`);
  return summary;
}

async function stamps(state: string, feedId: string, suffix: string): Promise<string[]> {
  const names = await readdir(verdictsDir(state, feedId)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return names.filter((n) => n.endsWith(suffix) && !n.startsWith('.') && (suffix !== '.json' || !n.endsWith('.summary.json'))).sort().reverse();
}

/** Summaries of a feed's fetches, newest first. */
export async function readVerdictSummaries(state: string, feedId: string, limit = 30): Promise<VerdictSummary[]> {
  const names = (await stamps(state, feedId, '.summary.json')).slice(0, limit);
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(verdictsDir(state, feedId), n), 'utf8')) as VerdictSummary));
}

/** The newest fetch of a feed, items keyed by id; undefined when none was fetched yet. */
export async function readLatestVerdicts(state: string, feedId: string): Promise<(Omit<VerdictSet, 'items'> & { items: Record<string, VerdictSet['items'][number]> }) | undefined> {
  const [newest] = await stamps(state, feedId, '.json');
  if (!newest) return undefined;
  return JSON.parse(await readFile(path.join(verdictsDir(state, feedId), newest), 'utf8'));
}
