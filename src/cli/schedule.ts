import { Option, type Command } from 'commander';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ShelfcastError } from '../issues/issue.js';
import { realClock, type SchedulerClock } from '../schedule/clock.js';
import { formatEvent } from '../schedule/events.js';
import { scheduledFeeds, type PrintContext } from '../schedule/print-context.js';
import { printCrontab } from '../schedule/print-crontab.js';
import { printGithubActions } from '../schedule/print-github-actions.js';
import { printSystemd } from '../schedule/print-systemd.js';
import { Scheduler } from '../schedule/scheduler.js';
import { collectList } from './common-options.js';
import type { CommandContext } from './context.js';
import { runFeedPass } from './feed-command.js';
import { projectInstall } from './installation.js';

interface ScheduleOptions {
  config: string;
  feed?: string[];
  print?: 'crontab' | 'systemd' | 'github-actions';
  bin: string;
}

const PRINTERS = { crontab: printCrontab, systemd: printSystemd, 'github-actions': printGithubActions };

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
    .action(async (opts: ScheduleOptions) => {
      if (!opts.print) return runSchedule(ctx, opts);
      const project = await ctx.loadProject(opts.config);
      const feeds = scheduledFeeds(project, opts.feed);
      if (feeds.length === 0) throw new ShelfcastError(`${path.basename(project.configFile)}: no enabled feed has a \`schedule:\`, so there is nothing to print`);
      const install = await projectInstall(project.root);
      const pc: PrintContext = { project, feeds, bin: opts.bin, installed: install, now: (ctx.io.now ?? (() => new Date()))(), repoPath: await repoPath(project.root) };
      if (opts.print === 'github-actions' && opts.bin === 'shelfcast' && !install.listed) {
        ctx.io.stderr(`shelfcast: warning: ${path.join(project.root, 'package.json')} does not list shelfcast, so the workflow's \`npm ci\` will not install it: run \`npm install --save-dev <the shelfcast tarball or git URL>\` there and commit package.json and package-lock.json\n`);
      }
      ctx.io.stdout(PRINTERS[opts.print](pc));
    });
}
