import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Issue, Severity } from '../issues/issue.js';
import { parseStateJson } from '../util/read-if-exists.js';
import { AtomicFile } from './atomic-file.js';
import type { BuildResult } from './build-feeds.js';
import type { IssueLog } from './issue-log.js';
import type { FeedOutcome } from './publish-feeds.js';

/** One issue code of a run: how many, and a few examples to show people (rows, message, fix). */
export interface IssueCodeSummary {
  code: string;
  severity: Severity;
  count: number;
  /** What to do, from the first example that says so. */
  fix?: string;
  examples: Array<Pick<Issue, 'row' | 'id' | 'field' | 'file' | 'message'>>;
}

/** Item counts of one feed in one run. */
export interface FeedCounts {
  /** Catalog rows read. */
  read: number;
  /** Rows that passed validation. */
  valid: number;
  /** Items the rules or the channel excluded with an error. */
  excluded: number;
  /** Items a filter rule left out on purpose. */
  filtered: number;
  /** Records written to the published file (0 when nothing was replaced). */
  written: number;
  /** Items or files the destination accepted. */
  pushed: number;
  /** Items the destination rejected. */
  failed: number;
}

/** A feed's outcome as recorded: what `history`, `status` and the reports read. */
export interface FeedRunRecord extends FeedOutcome {
  counts: FeedCounts;
  errors: number;
  warnings: number;
  /** Every code of the feed (its own and its guard/push issues), most frequent first. */
  issueCodes: IssueCodeSummary[];
  /** The destination's own words about rejected items or a failed push (at most a few lines). */
  answer?: string[];
}

/** One run as recorded in `<state>/runs/<runId>.json`: what history, status and reports read. */
export interface RunRecord {
  runId: string;
  command: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  items: { total: number; valid: number; invalid: number };
  /** Reading and validation issues of the catalog, shared by every feed. */
  catalog?: { errors: number; warnings: number; issueCodes: IssueCodeSummary[] };
  feeds: FeedRunRecord[];
  /** `rollback` runs: the run whose published version was restored. */
  restored?: string;
}

/** What `runFeedCommand` knows when a pass is over. */
export interface RunSummary {
  runId: string;
  command: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  items: { total: number; valid: number; invalid: number };
  feeds: FeedOutcome[];
}

const EXAMPLES = 3;
const ANSWER_LINES = 5;

function codesOfLog(log: IssueLog): IssueCodeSummary[] {
  return [...log.byCode.entries()].map(([code, g]) => summary(code, g.severity, g.count, g.examples));
}

function summary(code: string, severity: Severity, count: number, examples: readonly Issue[]): IssueCodeSummary {
  const fix = examples.find((e) => e.fix)?.fix;
  return {
    code,
    severity,
    count,
    ...(fix ? { fix } : {}),
    examples: examples.slice(0, EXAMPLES).map((e) => ({ row: e.row, id: e.id, field: e.field, file: e.file, message: e.message })),
  };
}

/** Errors first, then by count: the order people fix things in. */
const bySeverityAndCount = (a: IssueCodeSummary, b: IssueCodeSummary): number =>
  a.severity === b.severity ? b.count - a.count || a.code.localeCompare(b.code) : a.severity === 'error' ? -1 : b.severity === 'error' ? 1 : a.severity === 'warning' ? -1 : 1;

/** Run issues (guard refusals, push failures and rejections) grouped by code like the feed's own. */
function codesOfIssues(issues: readonly Issue[]): IssueCodeSummary[] {
  const groups = new Map<string, Issue[]>();
  for (const i of issues) groups.set(i.code, [...(groups.get(i.code) ?? []), i]);
  return [...groups.entries()].map(([code, list]) => summary(code, list[0]!.severity, list.length, list));
}

/** The run as recorded: the outcome of each feed with its counts, issue codes and delivery answer. */
export function toRunRecord(run: RunSummary, build: BuildResult, runIssues: readonly Issue[]): RunRecord {
  const feeds = run.feeds.map((outcome): FeedRunRecord => {
    const built = build.feeds.find((b) => b.feed.id === outcome.id);
    const own = runIssues.filter((i) => i.feed === outcome.id);
    const issueCodes = [...(built ? codesOfLog(built.issues) : []), ...codesOfIssues(own)].sort(bySeverityAndCount);
    const issueCounts: Record<string, number> = {};
    for (const c of issueCodes) issueCounts[c.code] = (issueCounts[c.code] ?? 0) + c.count;
    // A push is tried only after the local file was replaced, so a failed push still wrote it.
    const replaced = outcome.status === 'written' || outcome.status === 'published' || outcome.status === 'failed';
    const pushIssues = outcome.status === 'refused' ? [] : own;
    return {
      ...outcome,
      issueCounts,
      counts: {
        read: run.items.total,
        valid: run.items.valid,
        excluded: outcome.excluded,
        filtered: outcome.filtered,
        written: replaced ? outcome.records : 0,
        pushed: outcome.pushed ?? 0,
        failed: outcome.failed ?? 0,
      },
      errors: issueCodes.filter((c) => c.severity === 'error').reduce((n, c) => n + c.count, 0),
      warnings: issueCodes.filter((c) => c.severity === 'warning').reduce((n, c) => n + c.count, 0),
      issueCodes,
      ...(pushIssues.length ? { answer: pushIssues.slice(0, ANSWER_LINES).map((i) => i.message) } : {}),
    };
  });
  return {
    ...run,
    catalog: { errors: build.issues.errors, warnings: build.issues.warnings, issueCodes: codesOfLog(build.issues).sort(bySeverityAndCount) },
    feeds,
  };
}

export const runsDir = (stateDir: string): string => path.join(stateDir, 'runs');

export async function recordRun(stateDir: string, record: RunRecord): Promise<void> {
  await AtomicFile.writeWhole(path.join(runsDir(stateDir), `${record.runId}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

export interface ReadRunsOptions {
  /** Only runs that include this feed; default every run. */
  feed?: string;
  /** At most this many, newest first; default all. */
  limit?: number;
}

/** Records written before the counts existed still list, with the counts derived from the outcome. */
function normalize(r: RunRecord): RunRecord {
  return {
    ...r,
    feeds: r.feeds.map((f) => ({
      ...f,
      counts: f.counts ?? {
        read: r.items.total,
        valid: r.items.valid,
        excluded: f.excluded,
        filtered: f.filtered,
        written: f.status === 'written' || f.status === 'published' ? f.records : 0,
        pushed: f.pushed ?? 0,
        failed: f.failed ?? 0,
      },
      errors: f.errors ?? 0,
      warnings: f.warnings ?? 0,
      issueCodes: f.issueCodes ?? Object.entries(f.issueCounts ?? {}).map(([code, count]) => ({ code, severity: 'error' as const, count, examples: [] })),
    })),
  };
}

/**
 * The recorded runs, newest first. Runs started in the same second (or under a pinned clock) are
 * ordered by when their record was written.
 */
export async function readRuns(stateDir: string, options: ReadRunsOptions = {}): Promise<RunRecord[]> {
  const dir = runsDir(stateDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const runs = await Promise.all(
    names.map(async (n) => {
      const file = path.join(dir, n);
      const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
      const record = parseStateJson<RunRecord>(file, text, 'the record of a past run', 'delete it: history and the report lose that one run, nothing else');
      return { record: normalize(record), written: info.mtimeMs };
    }),
  );
  const sorted = runs
    .sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt) || b.written - a.written)
    .map((r) => r.record)
    .filter((r) => !options.feed || r.feeds.some((f) => f.id === options.feed));
  return options.limit !== undefined ? sorted.slice(0, options.limit) : sorted;
}
