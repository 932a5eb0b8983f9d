import { verdictReaderOf } from '../channels/registry.js';
import type { LoadedFeed } from '../config/load.js';
import { warning, type Issue } from '../issues/issue.js';
import type { Sleep } from '../http/backoff.js';
import { disapprovalRise, type VerdictSummary } from './model.js';
import { readVerdictSummaries, saveVerdicts } from './store.js';

export interface CollectOptions {
  stateDir: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  log: (line: string) => void;
  /** The run that pushed, when collecting right after a push. */
  runId?: string;
  sleep?: Sleep;
  random?: () => number;
}

export interface CollectedFeed {
  summary: VerdictSummary;
  /** The fetch before this one, for the rise in disapprovals. */
  previous?: VerdictSummary;
}

export interface CollectResult {
  feeds: CollectedFeed[];
  /** Feeds whose channel could not be read: warnings, the run itself stands. */
  issues: Issue[];
}

/** Feeds whose destination is a channel API with a verdict reader. */
export async function feedsWithVerdicts(feeds: readonly LoadedFeed[]): Promise<LoadedFeed[]> {
  const out: LoadedFeed[] = [];
  for (const f of feeds) if (f.config.destination && (await verdictReaderOf(f.config.destination.type))) out.push(f);
  return out;
}

/** Fetches each feed's item-level verdicts from its channel, keeps them in the state folder and summarizes them. */
export async function collectVerdicts(feeds: readonly LoadedFeed[], o: CollectOptions): Promise<CollectResult> {
  const result: CollectResult = { feeds: [], issues: [] };
  for (const feed of feeds) {
    const destination = feed.config.destination;
    const read = destination ? await verdictReaderOf(destination.type) : undefined;
    if (!destination || !read) continue;
    try {
      const fetched = await read(destination, { feedId: feed.id, options: feed.options, env: o.env, now: o.now, log: o.log, stateDir: o.stateDir, sleep: o.sleep, random: o.random });
      const [previous] = await readVerdictSummaries(o.stateDir, feed.id, 1);
      const summary = await saveVerdicts(o.stateDir, { feed: feed.id, channel: feed.channel.id, source: fetched.source, fetchedAt: o.now().toISOString(), runId: o.runId, items: fetched.items });
      result.feeds.push({ summary, previous });
      const c = summary.counts;
      o.log(`${feed.id}: ${fetched.source}: ${c.approved} approved, ${c.limited} limited, ${c.disapproved} disapproved, ${c.pending} pending`);
    } catch (err) {
      result.issues.push(warning('verdicts.not_read', `the channel's verdicts could not be read: ${(err as Error).message}`, { feed: feed.id }));
    }
  }
  return result;
}

/**
 * `--fail-on-disapprovals SHARE`: the feeds whose disapprovals rose by more than SHARE of their
 * items since the previous fetch, with a line saying so.
 */
export function disapprovalFailures(feeds: readonly CollectedFeed[], share: number | undefined): string[] {
  if (share === undefined) return [];
  return feeds.flatMap((f) => {
    const r = disapprovalRise(f.summary, f.previous);
    return r.rise > 0 && r.share > share
      ? [`${f.summary.feed}: disapprovals rose by ${r.rise} (${(r.share * 100).toFixed(1)}% of ${f.summary.items} items; the limit is ${(share * 100).toFixed(1)}%)`]
      : [];
  });
}

/** Parses `--fail-on-disapprovals 5%` or `0.05` into a share 0..1. */
export function parseShare(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(n >= 0 && n <= 1)) throw new Error(`"${value}" is not a share: give a percentage such as 5% or a fraction such as 0.05`);
  return n;
}
