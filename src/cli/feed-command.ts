import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { selectFeeds } from '../config/load.js';
import { buildFeeds } from '../run/build-feeds.js';
import { acquireRunLock } from '../run/lock.js';
import { publishFeeds } from '../run/publish-feeds.js';
import { readRuns, recordRun, toRunRecord, type RunRecord } from '../run/history.js';
import { outputDir, stateDir } from '../run/state-paths.js';
import { renderFeedRun } from '../report/feed-run-report.js';
import { annotationFiles, githubAnnotations } from '../report/github-annotations.js';
import { writeReports, type ReportSpec } from '../report/report-option.js';
import type { CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { exitFor } from './exit-status.js';
import { Progress } from './progress.js';
import { verdictsAfterPush } from '../verdicts/after-push.js';

export interface FeedCommandOptions extends CommonOptions {
  catalog?: string;
  feed?: string[];
  dryRun?: boolean;
  force?: boolean;
  /** `--full`: API pushes send every item, not only the changed ones. */
  full?: boolean;
  only?: string[];
  /** `--report html=PATH|junit=PATH` (repeatable); default none. */
  report?: ReportSpec[];
  /** `--fail-on-disapprovals SHARE`: exit 1 when the channels' disapprovals rose by more than this share of a feed; default off. */
  failOnDisapprovals?: number;
  /** `--workers N`: worker threads for the pass; default chosen by catalog size. */
  workers?: number;
}

/**
 * `build` and `run` share everything but the push: one locked pass over the catalog, the guard,
 * atomic replacement of the local files, then (run) each feed's destination.
 */
export async function runFeedCommand(ctx: CommandContext, opts: FeedCommandOptions, push: boolean): Promise<void> {
  await runFeedPass(ctx, opts, push);
}

/** The pass behind `build` and `run`, returning the run as recorded (`schedule` runs feeds through it). */
export async function runFeedPass(ctx: CommandContext, opts: FeedCommandOptions, push: boolean): Promise<RunRecord> {
  const { io } = ctx;
  const now = io.now ?? (() => new Date());
  const project = await ctx.loadProject(opts.config);
  const feeds = selectFeeds(project, opts.feed);
  const runId = `${now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
  const say = (line: string) => {
    if (!opts.json && !opts.quiet) io.stderr(`${line}\n`);
  };
  const lock = await acquireRunLock(stateDir(project), { pid: process.pid, host: os.hostname(), command: push ? 'run' : 'build', startedAt: now().toISOString() });
  try {
    const startedAt = now();
    const progress = new Progress(io, !opts.json && !opts.quiet);
    const build = await buildFeeds(project, feeds, {
      catalog: opts.catalog,
      cwd: io.cwd,
      outDir: outputDir(project),
      now: startedAt,
      only: opts.only,
      onProgress: (rows) => progress.tick(rows),
      workers: opts.workers,
      // A partial update does not describe the whole feed: it leaves the snapshot as it was.
      snapshot: !opts.only?.length,
    });
    progress.done();
    const { outcomes, issues } = await publishFeeds(project, build, {
      runId,
      now,
      dryRun: Boolean(opts.dryRun),
      force: Boolean(opts.force),
      full: Boolean(opts.full),
      push,
      env: io.env,
      log: say,
    });
    // What the channels decided about the items just pushed, kept with the run.
    const verdicts = push && !opts.dryRun ? await verdictsAfterPush(project, feeds, outcomes, { runId, env: io.env, now, log: say, failOnDisapprovals: opts.failOnDisapprovals }) : undefined;
    if (verdicts) issues.push(...verdicts.issues);
    const feedErrors = build.feeds.reduce((n, b) => n + b.issues.errors, 0) + issues.filter((i) => i.severity === 'error').length;
    const feedWarnings = build.feeds.reduce((n, b) => n + b.issues.warnings, 0) + issues.filter((i) => i.severity === 'warning').length;
    const failed = outcomes.some((o) => o.status === 'failed' || o.status === 'refused') || Boolean(verdicts?.failures.length);
    const code = exitFor(build.issues.errors + feedErrors, build.issues.warnings + feedWarnings, opts.failOn, failed);
    ctx.setExitCode(code);
    const summary = { runId, command: push ? 'run' : 'build', dryRun: Boolean(opts.dryRun), startedAt: startedAt.toISOString(), finishedAt: now().toISOString(), ok: code === 0, items: build.items, feeds: outcomes };
    const record = toRunRecord(summary, build, issues);
    if (!opts.dryRun) await recordRun(stateDir(project), record);
    if (opts.report?.length) await writeReports(opts.report, { run: record, history: await readRuns(stateDir(project)), project: project.config.name, ...(verdicts ? await verdicts.reportInput() : {}) }, io.cwd);
    // The runner reads workflow commands from stderr too, which keeps stdout one JSON document.
    if (io.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(record, annotationFiles(project, io.env.GITHUB_WORKSPACE ?? io.cwd))) io.stderr(`${line}\n`);
    renderFeedRun(io, { ...record, build, runIssues: issues, verdicts: verdicts?.summaries }, { json: Boolean(opts.json), quiet: Boolean(opts.quiet), failed: code !== 0 });
    return record;
  } finally {
    await lock.release();
  }
}
