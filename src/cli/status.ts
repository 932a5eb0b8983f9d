import type { Command } from 'commander';
import { readRuns } from '../run/history.js';
import { stateDir } from '../run/state-paths.js';
import { paint } from '../report/text-report.js';
import { feedStatus, type FeedStatus } from '../schedule/feed-status.js';
import { scheduledFeeds } from '../schedule/print-context.js';
import type { CommandContext } from './context.js';
import type { VerdictSummary } from '../verdicts/model.js';
import { readVerdictSummaries } from '../verdicts/store.js';
import { countsText } from '../verdicts/verdict-text.js';

/** A feed's status with the channel's last verdicts (approved/limited/disapproved/pending), when any were fetched. */
type StatusLine = FeedStatus & { verdicts?: Pick<VerdictSummary, 'source' | 'fetchedAt' | 'items' | 'counts'> };

interface StatusOptions {
  config: string;
  json?: boolean;
}

/** Runs read to find each feed's last one; a feed not run in this many runs shows as never run. */
const LOOKBACK = 500;

function formatStatus(list: readonly StatusLine[], color: boolean): string {
  const p = paint(color);
  const tone = { ok: p.ok, due: p.warning, late: p.error, failing: p.error, never: p.warning, unscheduled: p.dim } as const;
  return `${list
    .map((s) => {
      const last = s.last ? `last ${s.last.command} ${s.last.at} ${s.last.status}, ${s.last.items} items, ${s.last.errors} errors` : 'never run';
      const sched = s.schedule ? `  schedule "${s.schedule.cron}"${s.schedule.timezone ? ` ${s.schedule.timezone}` : ''}, next ${s.next ?? 'never'}${s.missed ? `, ${s.missed} missed` : ''}` : '';
      const said = s.verdicts ? `\n${''.padEnd(15)}channel at ${s.verdicts.fetchedAt}: ${countsText({ counts: s.verdicts.counts } as VerdictSummary, p)}` : '';
      return `${p.bold(s.feed.padEnd(14))} ${tone[s.state](s.state.padEnd(11))} ${last}${sched}${said}`;
    })
    .join('\n')}\n`;
}

export function registerStatus(program: Command, ctx: CommandContext): void {
  program
    .command('status')
    .description('show the last run of each feed and whether it is ok, due, late or failing (exit 1 when late or failing)')
    .option('-c, --config <path>', 'project file', 'shelfcast.yaml')
    .option('--json', 'print one JSON document')
    .action(async (opts: StatusOptions) => {
      const project = await ctx.loadProject(opts.config);
      const now = (ctx.io.now ?? (() => new Date()))();
      const runs = (await readRuns(stateDir(project), { limit: LOOKBACK })).filter((r) => !r.dryRun);
      const schedules = scheduledFeeds(project);
      const list: StatusLine[] = [];
      for (const f of project.feeds.filter((x) => x.config.enabled)) {
        const [v] = await readVerdictSummaries(stateDir(project), f.id, 1);
        const line: StatusLine = feedStatus(f.id, schedules.find((s) => s.id === f.id), runs, now);
        if (v) line.verdicts = { source: v.source, fetchedAt: v.fetchedAt, items: v.items, counts: v.counts };
        list.push(line);
      }
      // Monitoring (cron, Nagios-style checks) reads the exit code.
      if (list.some((s) => s.state === 'late' || s.state === 'failing')) ctx.setExitCode(1);
      if (opts.json) ctx.io.stdout(`${JSON.stringify({ now: now.toISOString(), feeds: list }, null, 2)}\n`);
      else ctx.io.stdout(formatStatus(list, ctx.io.isTTY && !ctx.io.env.NO_COLOR));
    });
}
