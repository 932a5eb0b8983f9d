import type { LoadedFeed, LoadedProject } from '../config/load.js';
import { error, type Issue } from '../issues/issue.js';
import type { FeedOutcome } from '../run/publish-feeds.js';
import { stateDir } from '../run/state-paths.js';
import { collectVerdicts, disapprovalFailures, feedsWithVerdicts } from './collect.js';
import type { VerdictSummary } from './model.js';
import { readVerdictSummaries } from './store.js';

export interface AfterPush {
  summaries: VerdictSummary[];
  /** `--fail-on-disapprovals` lines; non-empty fails the run. */
  failures: string[];
  issues: Issue[];
  /** The reports' verdict parts: this run's summaries and each feed's earlier ones (for the chart). */
  reportInput(): Promise<{ verdicts: VerdictSummary[]; verdictHistory: Record<string, VerdictSummary[]> }>;
}

/**
 * After `run` pushed: reads the channels' verdicts for the feeds that reached a channel API with a
 * verdict reader, keeps them with the run id, and checks `--fail-on-disapprovals`.
 */
export async function verdictsAfterPush(
  project: LoadedProject,
  feeds: readonly LoadedFeed[],
  outcomes: readonly FeedOutcome[],
  o: { runId: string; env: Record<string, string | undefined>; now: () => Date; log: (line: string) => void; failOnDisapprovals?: number },
): Promise<AfterPush | undefined> {
  const pushed = feeds.filter((f) => outcomes.some((x) => x.id === f.id && (x.status === 'published' || x.status === 'failed')));
  const readable = await feedsWithVerdicts(pushed);
  if (!readable.length) return undefined;
  const state = stateDir(project);
  const got = await collectVerdicts(readable, { stateDir: state, env: o.env, now: o.now, log: o.log, runId: o.runId });
  const failures = disapprovalFailures(got.feeds, o.failOnDisapprovals);
  const issues = [...got.issues, ...failures.map((m) => error('verdicts.disapprovals_rose', m, { feed: m.slice(0, m.indexOf(':')) }))];
  const summaries = got.feeds.map((f) => f.summary);
  return {
    summaries,
    failures,
    issues,
    async reportInput() {
      const verdictHistory: Record<string, VerdictSummary[]> = {};
      for (const s of summaries) verdictHistory[s.feed] = await readVerdictSummaries(state, s.feed, 30);
      return { verdicts: summaries, verdictHistory };
    },
  };
}
