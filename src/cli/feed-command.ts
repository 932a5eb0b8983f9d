import { ShelfcastError } from '../issues/issue.js';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { selectFeeds, selectPartialFeeds } from '../config/load.js';
import type { LoadedFeed, LoadedProject } from '../config/load.js';
import { buildFeeds, type BuildOptions } from '../run/build-feeds.js';
import { acquireRunLock } from '../run/lock.js';
import { prepareProjectDirs } from '../run/project-dirs.js';
import { publishFeeds } from '../run/publish-feeds.js';
import { readRuns, recordRun, toRunRecord, type RunRecord } from '../run/history.js';
import { catalogSource } from '../run/read-products.js';
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
  /** `--no-verdicts` sets this false: the push is not followed by reading the channels' verdicts. */
  verdicts?: boolean;
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

/**
 * Where a pass's feeds come from when not from the catalog: `merge` takes them, and what fills
 * them, from a sharded build's results (see run/shard).
 */
export interface FeedSource {
  command: string;
  prepare(project: LoadedProject): Promise<{ feeds: LoadedFeed[]; only?: string[]; pass: NonNullable<BuildOptions['pass']> }>;
}

/** The pass behind `build` and `run`, returning the run as recorded (`schedule` runs feeds through it). */
export async function runFeedPass(ctx: CommandContext, opts: FeedCommandOptions, push: boolean, source?: FeedSource): Promise<RunRecord> {
  const { io } = ctx;
  if (opts.verdicts === false && opts.failOnDisapprovals !== undefined) {
    throw new ShelfcastError('--fail-on-disapprovals needs the verdicts that --no-verdicts leaves unread: drop one of the two, or check later with `shelfcast diagnostics --fail-on-disapprovals SHARE`');
  }
  const now = io.now ?? (() => new Date());
  const project = await ctx.loadProject(opts.config);
  const prepared = source ? await source.prepare(project) : undefined;
  const partial = !prepared && opts.only?.length ? selectPartialFeeds(selectFeeds(project, opts.feed), opts.only, Boolean(opts.feed?.length)) : undefined;
  const feeds = prepared?.feeds ?? partial?.feeds ?? selectFeeds(project, opts.feed);
  const command = source?.command ?? (push ? 'run' : 'build');
  const only = prepared ? prepared.only : opts.only;
  const runId = `${now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
  const say = (line: string) => {
    if (!opts.json && !opts.quiet) io.stderr(`${line}\n`);
  };
  for (const f of partial?.skipped ?? []) say(`${f.id}: left as it is (--only ${opts.only!.join(',')}: channel ${f.channel.id} sends whole items only)`);
  await prepareProjectDirs(project);
  const lock = await acquireRunLock(stateDir(project), { pid: process.pid, host: os.hostname(), command, startedAt: now().toISOString() }, { onInterrupt: io.onInterrupt });
  try {
    const startedAt = now();
    const progress = new Progress(io, !opts.json && !opts.quiet);
    const build = await buildFeeds(project, feeds, {
      catalog: opts.catalog,
      cwd: io.cwd,
      outDir: outputDir(project),
      now: startedAt,
      only,
      onProgress: (rows) => progress.tick(rows),
      workers: opts.workers,
      // A partial update does not describe the whole feed: it leaves the snapshot as it was.
      snapshot: !only?.length,
      pass: prepared?.pass,
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
    const verdicts = push && !opts.dryRun && opts.verdicts !== false ? await verdictsAfterPush(project, feeds, outcomes, { runId, env: io.env, now, log: say, failOnDisapprovals: opts.failOnDisapprovals }) : undefined;
    if (verdicts) issues.push(...verdicts.issues);
    const feedErrors = build.feeds.reduce((n, b) => n + b.issues.errors, 0) + issues.filter((i) => i.severity === 'error').length;
    const feedWarnings = build.feeds.reduce((n, b) => n + b.issues.warnings, 0) + issues.filter((i) => i.severity === 'warning').length;
    const failed = outcomes.some((o) => o.status === 'failed' || o.status === 'refused') || Boolean(verdicts?.failures.length);
    const code = exitFor(build.issues.errors + feedErrors, build.issues.warnings + feedWarnings, opts.failOn, failed);
    ctx.setExitCode(code);
    const summary = { runId, command, dryRun: Boolean(opts.dryRun), startedAt: startedAt.toISOString(), finishedAt: now().toISOString(), ok: code === 0, items: build.items, feeds: outcomes };
    const record = toRunRecord(summary, build, issues);
    if (!opts.dryRun) await recordRun(stateDir(project), record);
    if (opts.report?.length) await writeReports(opts.report, { run: record, history: await readRuns(stateDir(project)), project: project.config.name, ...(verdicts ? await verdicts.reportInput() : {}) }, io.cwd);
    // The runner reads workflow commands from stderr too, which keeps stdout one JSON document.
    if (io.env.GITHUB_ACTIONS === 'true') {
      const files = await annotationFiles(project, catalogSource(project, opts.catalog, io.cwd), record, io.env.GITHUB_WORKSPACE ?? io.cwd);
      for (const line of githubAnnotations(record, files)) io.stderr(`${line}\n`);
    }
    renderFeedRun(io, { ...record, build, runIssues: issues, verdicts: verdicts?.summaries }, { json: Boolean(opts.json), quiet: Boolean(opts.quiet), failed: code !== 0 });
    return record;
  } finally {
    await lock.release();
  }
}
