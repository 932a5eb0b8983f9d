import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Command } from 'commander';
import { selectFeeds } from '../config/load.js';
import { error, type Issue } from '../issues/issue.js';
import { recordRun, type FeedRunRecord, type RunRecord } from '../run/history.js';
import { acquireRunLock } from '../run/lock.js';
import { pushFeed } from '../run/publish-feeds.js';
import { readPublishedSummary } from '../run/published-summary.js';
import { outputDir, stateDir } from '../run/state-paths.js';
import { pickVersion, restoreVersion } from '../run/versions.js';
import type { CommandContext } from './context.js';

interface RollbackOptions {
  config: string;
  to?: string;
  /** Commander's `--no-push`: default true. */
  push: boolean;
  json?: boolean;
  quiet?: boolean;
}

/**
 * Puts a kept version of a feed back: the same atomic replacement of the local files as a build
 * (with the item index and summary, so plan and the guard compare against it), then the same push to
 * the feed's destination as `run`, recorded in the history as a `rollback` run.
 */
export async function rollbackFeed(ctx: CommandContext, feedId: string, opts: RollbackOptions): Promise<RunRecord> {
  const { io } = ctx;
  const now = io.now ?? (() => new Date());
  const project = await ctx.loadProject(opts.config);
  const [feed] = selectFeeds(project, [feedId]);
  const state = stateDir(project);
  const runId = `${now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
  const say = (line: string) => {
    if (!opts.json && !opts.quiet) io.stderr(`${line}\n`);
  };
  const lock = await acquireRunLock(state, { pid: process.pid, host: os.hostname(), command: 'rollback', startedAt: now().toISOString() }, { onInterrupt: io.onInterrupt });
  try {
    const startedAt = now().toISOString();
    const current = await readPublishedSummary(state, feed!.id);
    const version = await pickVersion(state, feed!.id, current?.runId, opts.to);
    const paths = await restoreVersion(version, state, feed!.id, outputDir(project), feed!.fileName);
    say(`${feed!.id}: restored the version of run ${version.runId} (${version.items} items, published ${version.at})`);
    const issues: Issue[] = [];
    const outcome: FeedRunRecord = {
      id: feed!.id,
      channel: feed!.channel.id,
      format: feed!.format.id,
      files: version.files,
      items: version.items,
      records: version.items,
      excluded: 0,
      filtered: 0,
      status: 'written',
      issueCounts: {},
      counts: { read: 0, valid: 0, excluded: 0, filtered: 0, written: version.items, pushed: 0, failed: 0 },
      errors: 0,
      warnings: 0,
      issueCodes: [],
    };
    if (opts.push && feed!.config.destination) {
      try {
        const result = await pushFeed(project, feed!, paths, { dryRun: false, env: io.env, log: say, now });
        outcome.status = result.failed > 0 ? 'failed' : 'published';
        outcome.destination = result.destination;
        outcome.pushed = outcome.counts.pushed = result.pushed;
        outcome.failed = outcome.counts.failed = result.failed;
        issues.push(...result.issues);
      } catch (err) {
        outcome.status = 'failed';
        issues.push(error('push.failed', `push failed: ${(err as Error).message}`, { feed: feed!.id }));
      }
    }
    for (const i of issues) outcome.issueCounts[i.code] = (outcome.issueCounts[i.code] ?? 0) + 1;
    outcome.issueCodes = Object.entries(outcome.issueCounts).map(([code, count]) => {
      const first = issues.find((i) => i.code === code)!;
      return { code, severity: first.severity, count, ...(first.fix ? { fix: first.fix } : {}), examples: issues.filter((i) => i.code === code).slice(0, 3).map((i) => ({ row: i.row, id: i.id, field: i.field, message: i.message })) };
    });
    outcome.errors = issues.filter((i) => i.severity === 'error').length;
    outcome.warnings = issues.filter((i) => i.severity === 'warning').length;
    if (issues.length) outcome.answer = issues.slice(0, 5).map((i) => i.message);
    const ok = outcome.status !== 'failed';
    const record: RunRecord = { runId, command: 'rollback', dryRun: false, startedAt, finishedAt: now().toISOString(), ok, items: { total: 0, valid: 0, invalid: 0 }, feeds: [outcome], restored: version.runId };
    await recordRun(state, record);
    ctx.setExitCode(ok ? 0 : 1);
    if (opts.json) io.stdout(`${JSON.stringify(record, null, 2)}\n`);
    else if (!opts.quiet || !ok) {
      const where = outcome.destination ? ` and sent to ${outcome.destination}` : '';
      io.stderr(`${feed!.id}: ${ok ? 'rolled back' : 'rollback FAILED'} to run ${version.runId}: ${paths.length} file(s) replaced${where}${issues.length ? `\n${issues.map((i) => `  ${i.severity} ${i.code}: ${i.message}`).join('\n')}` : ''}\n`);
    }
    return record;
  } finally {
    await lock.release();
  }
}

export function registerRollback(program: Command, ctx: CommandContext): void {
  program
    .command('rollback')
    .description('republish an earlier published version of a feed (default: the one before the current)')
    .argument('<feed>', 'feed id')
    .option('-c, --config <path>', 'project file', 'shelfcast.yaml')
    .option('--to <run>', 'the run whose version to restore (see `shelfcast history --feed FEED`)')
    .option('--no-push', 'restore the local files only, do not send them to the destination')
    .option('--json', 'print the recorded rollback run as JSON')
    .option('-q, --quiet', 'print nothing unless something is wrong')
    .action(async (feed: string, opts: RollbackOptions) => {
      await rollbackFeed(ctx, feed, opts);
    });
}
