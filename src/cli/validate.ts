import type { Command } from 'commander';
import { runPass } from '../run/pass/run-pass.js';
import { catalogLine, formatIssueGroups, paint } from '../report/text-report.js';
import { withCommonOptions, withWorkersOption, type CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { exitFor } from './exit-status.js';
import { Progress } from './progress.js';

interface ValidateOptions extends CommonOptions {
  catalog?: string;
  workers?: number;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  withWorkersOption(withCommonOptions(program.command('validate')))
    .description('read and validate the catalog once, and report every problem by row and field')
    .option('--catalog <file>', 'validate this catalog instead of the configured one')
    .action(async (opts: ValidateOptions) => {
      const { io } = ctx;
      const project = await ctx.loadProject(opts.config);
      const progress = new Progress(io, !opts.json && !opts.quiet);
      // The pass of build, with no feed: the same reading, mapping and validation, in as many threads.
      const { counts: items, issues: log } = await runPass(project, [], [], {
        catalog: opts.catalog,
        cwd: io.cwd,
        now: (io.now ?? (() => new Date()))(),
        workers: opts.workers,
        diagnose: project.feeds,
        onProgress: (rows) => progress.tick(rows),
      });
      progress.done();
      const code = exitFor(log.errors, log.warnings, opts.failOn);
      ctx.setExitCode(code);
      if (opts.json) {
        io.stdout(`${JSON.stringify({ ok: code === 0, items, counts: log.counts(), issues: log.kept, issuesOmitted: log.dropped }, null, 2)}\n`);
        return;
      }
      if (opts.quiet && code === 0) return;
      const p = paint(io.isTTY && !io.env.NO_COLOR);
      const lines = [catalogLine(items, p)];
      lines.push(...formatIssueGroups(log, p));
      if (items.invalid > 0) lines.push(p.dim('Invalid items are left out of every feed. Fix the rows named above in the catalog, then run `shelfcast validate` again.'));
      io.stderr(`${lines.join('\n')}\n`);
    });
}
