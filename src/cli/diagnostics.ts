import { VERDICT_DESTINATION_TYPES } from '../channels/registry.js';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { selectFeeds } from '../config/load.js';
import { ShelfcastError } from '../issues/issue.js';
import { paint } from '../report/text-report.js';
import { stateDir } from '../run/state-paths.js';
import { collectVerdicts, disapprovalFailures, feedsWithVerdicts, parseShare } from '../verdicts/collect.js';
import { disapprovalRise } from '../verdicts/model.js';
import { formatVerdictSummary } from '../verdicts/verdict-text.js';
import { collectList } from './common-options.js';
import type { CommandContext } from './context.js';

interface DiagnosticsOptions {
  config: string;
  feed?: string[];
  json?: boolean;
  quiet?: boolean;
  failOnDisapprovals?: number;
}

/** `--fail-on-disapprovals 5%`: commander's parser with a usage error instead of a throw. */
export const shareOption = (value: string): number => {
  try {
    return parseShare(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

export const FAIL_ON_DISAPPROVALS_HELP = 'exit 1 when the channel disapproved more items than at the previous check, by more than this share of the feed (5% or 0.05)';

export function registerDiagnostics(program: Command, ctx: CommandContext): void {
  program
    .command('diagnostics')
    .description("fetch the channels' own verdicts on each item (approved, limited, disapproved, pending, with their issue codes), keep them in the state folder and show them")
    .option('-c, --config <path>', 'project file', 'shelfcast.yaml')
    .option('-f, --feed <id>', 'only this feed (repeatable, or a,b)', collectList)
    .option('--json', 'print one JSON document on stdout')
    .option('-q, --quiet', 'print nothing on stderr unless something is wrong')
    .option('--fail-on-disapprovals <share>', FAIL_ON_DISAPPROVALS_HELP, shareOption)
    .action(async (opts: DiagnosticsOptions) => {
      const { io } = ctx;
      const now = io.now ?? (() => new Date());
      const project = await ctx.loadProject(opts.config);
      const feeds = await feedsWithVerdicts(selectFeeds(project, opts.feed));
      if (!feeds.length) throw new ShelfcastError(`diagnostics: no ${opts.feed?.length ? 'such ' : ''}feed pushes to a channel API whose verdicts shelfcast reads (destination type ${VERDICT_DESTINATION_TYPES.join(', ')})`, { exitCode: 2 });
      const got = await collectVerdicts(feeds, { stateDir: stateDir(project), env: io.env, now, log: (l) => (opts.json || opts.quiet ? undefined : io.stderr(`${l}\n`)) });
      const failures = disapprovalFailures(got.feeds, opts.failOnDisapprovals);
      if (got.issues.length || failures.length) ctx.setExitCode(1);
      if (opts.json) {
        io.stdout(`${JSON.stringify({ feeds: got.feeds.map((f) => ({ ...f.summary, rise: disapprovalRise(f.summary, f.previous) })), failures, issues: got.issues }, null, 2)}\n`);
        return;
      }
      const p = paint(io.isTTY && !io.env.NO_COLOR);
      const lines: string[] = [];
      for (const f of got.feeds) {
        const r = disapprovalRise(f.summary, f.previous);
        lines.push(...formatVerdictSummary(f.summary, p, f.previous && r.rise !== 0 ? `(${r.rise > 0 ? '+' : ''}${r.rise} disapproved since ${f.previous.fetchedAt})` : undefined));
      }
      for (const i of got.issues) lines.push(p.warning(`${i.feed}: ${i.message}`));
      for (const l of failures) lines.push(p.error(l));
      io.stdout(`${lines.join('\n')}\n`);
    });
}
