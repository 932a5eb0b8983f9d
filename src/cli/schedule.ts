import { Option, type Command } from 'commander';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ShelfcastError } from '../issues/issue.js';
import { realClock, type SchedulerClock } from '../schedule/clock.js';
import { formatEvent } from '../schedule/events.js';
import { scheduledFeeds, type PrintContext } from '../schedule/print-context.js';
import { printCrontab } from '../schedule/print-crontab.js';
import { printGithubActions } from '../schedule/print-github-actions.js';
import { printGithubActionsSharded } from '../schedule/print-github-actions-sharded.js';
import { printKubernetes } from '../schedule/print-kubernetes.js';
import { parseShardCount } from '../run/shard/shard-set.js';
import { printSystemd } from '../schedule/print-systemd.js';
import { Scheduler } from '../schedule/scheduler.js';
import { collectList } from './common-options.js';
import type { CommandContext } from './context.js';
import { runFeedPass } from './feed-command.js';
import { projectInstall } from './installation.js';

interface ScheduleOptions {
  config: string;
  feed?: string[];
  print?: keyof typeof PRINTERS;
  bin: string;
  /** `--shards N`: print a sharded build (kubernetes, github-actions); default 1. */
  shards?: number;
  /** `--shard-dir s3://bucket/prefix` (kubernetes --shards N): the runs' shard folders in S3. */
  shardDir?: string;
}

/**
 * The S3 prefix of `schedule --print kubernetes --shard-dir`. It goes into a pod's shell script
 * between double quotes, so it is held to the characters S3 calls safe in keys (no `$`, quote,
 * backtick or backslash), and to a bucket name S3 accepts.
 */
function checkPrintedShardDir(opts: ScheduleOptions): void {
  if (opts.shardDir === undefined) return;
  if (opts.print !== 'kubernetes' || (opts.shards ?? 1) < 2) {
    throw new ShelfcastError('--shard-dir: with --print kubernetes --shards N (N of 2 or more) only: GitHub Actions carries the shards as artifacts, the other formats run no shards');
  }
  if (!/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*'()-]+)*\/?$/.test(opts.shardDir)) {
    throw new ShelfcastError(`--shard-dir ${opts.shardDir}: give an S3 prefix as s3://bucket/prefix (letters, digits and !-_.*'() in the prefix); without --shard-dir the shard folders are on the shared volume`);
  }
}

const PRINTERS = {
  crontab: printCrontab,
  systemd: printSystemd,
  'github-actions': (pc: PrintContext) => ((pc.shards ?? 1) > 1 ? printGithubActionsSharded(pc) : printGithubActions(pc)),
  kubernetes: printKubernetes,
};
/** The printers that can cut each run into shards. */
const SHARDED = new Set(['github-actions', 'kubernetes']);

/** A run lock held by another process: proper-lockfile's ELOCKED under our ShelfcastError. */
const isLocked = (err: unknown): boolean => ((err as { cause?: { code?: string } })?.cause?.code ?? '') === 'ELOCKED';

/** The folder of the git repository around `dir`, if any (for the workflow's working-directory). */
async function repoPath(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = path.dirname(d)) {
    if (await access(path.join(d, '.git')).then(() => true, () => false)) return path.relative(d, dir).split(path.sep).join('/') || '.';
    if (path.dirname(d) === d) return undefined;
  }
}

/**
 * Runs the schedule in the foreground until SIGTERM/SIGINT: each due feed goes through the same
 * code as `shelfcast run --feed ID`, one at a time, with one JSON line per event on stderr.
 */
export async function runSchedule(ctx: CommandContext, opts: Pick<ScheduleOptions, 'config' | 'feed'>, clock: SchedulerClock = realClock): Promise<void> {
  const { io } = ctx;
  const project = await ctx.loadProject(opts.config);
  const feeds = scheduledFeeds(project, opts.feed);
  if (feeds.length === 0) {
    throw new ShelfcastError(`${path.basename(project.configFile)}: no enabled feed has a \`schedule:\` (add for example \`schedule: "0 */4 * * *"\` to a file in ${project.config.feeds}/)`);
  }
  const quiet = { ...io, stdout: () => undefined, stderr: () => undefined, isTTY: false };
  const scheduler = new Scheduler({
    feeds,
    clock,
    isLocked,
    emit: (e) => io.stderr(formatEvent(clock.now(), e)),
    // Each run's problems are in its `finished` event and the history; the exit code of the
    // scheduler itself stays 0 unless it cannot start.
    run: (feedId) => runFeedPass({ ...ctx, io: quiet, setExitCode: () => undefined }, { config: opts.config, feed: [feedId], json: true, quiet: true, failOn: 'error' }, true),
  });
  const off = io.onShutdown?.((signal) => scheduler.stop(signal));
  try {
    await scheduler.start();
  } finally {
    off?.();
  }
}

export function registerSchedule(program: Command, ctx: CommandContext): void {
  program
    .command('schedule')
    .description('run each feed when its `schedule:` is due (foreground, until SIGTERM), or print crontab/systemd/GitHub Actions configuration')
    .option('-c, --config <path>', 'project file', 'shelfcast.yaml')
    .option('-f, --feed <id>', 'only these feeds (repeatable, or comma-separated)', collectList)
    .addOption(new Option('--print <format>', 'print configuration for another scheduler instead of running').choices(Object.keys(PRINTERS)))
    .option('--bin <command>', "command that starts shelfcast in printed configuration (default: the project's node_modules/.bin/shelfcast, else this copy; npx in GitHub Actions)", 'shelfcast')
    .option('--shards <n>', 'with --print kubernetes or github-actions: cut each run into N shards (an Indexed Job, a matrix) and merge them', parseShardCount)
    .option('--shard-dir <s3-prefix>', 'with --print kubernetes --shards N: keep the runs\' shard folders under s3://bucket/prefix instead of on the shared volume')
    .action(async (opts: ScheduleOptions) => {
      if (!opts.print) return runSchedule(ctx, opts);
      if (opts.shards !== undefined && !SHARDED.has(opts.print)) throw new ShelfcastError(`--shards: ${opts.print} cannot run shards side by side; print kubernetes or github-actions`);
      checkPrintedShardDir(opts);
      const project = await ctx.loadProject(opts.config);
      const feeds = scheduledFeeds(project, opts.feed);
      if (feeds.length === 0) throw new ShelfcastError(`${path.basename(project.configFile)}: no enabled feed has a \`schedule:\`, so there is nothing to print`);
      const install = await projectInstall(project.root);
      const pc: PrintContext = { project, feeds, bin: opts.bin, installed: install, now: (ctx.io.now ?? (() => new Date()))(), repoPath: await repoPath(project.root), shards: opts.shards, shardDir: opts.shardDir };
      if (opts.print === 'github-actions' && opts.bin === 'shelfcast' && !install.listed) {
        ctx.io.stderr(`shelfcast: warning: ${path.join(project.root, 'package.json')} does not list shelfcast, so the workflow's \`npm ci\` will not install it: run \`npm install --save-dev <the shelfcast tarball or git URL>\` there and commit package.json and package-lock.json\n`);
      }
      ctx.io.stdout(PRINTERS[opts.print](pc));
    });
}
