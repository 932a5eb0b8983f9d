import type { Command } from 'commander';
import { IssueLog } from '../run/issue-log.js';
import { readProducts } from '../run/read-products.js';
import { formatIssueGroups, paint } from '../report/text-report.js';
import { withCommonOptions, type CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { exitFor } from './exit-status.js';
import { Progress } from './progress.js';

interface ValidateOptions extends CommonOptions {
  catalog?: string;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  withCommonOptions(program.command('validate'))
    .description('read and validate the catalog once, and report every problem by row and field')
    .option('--catalog <file>', 'validate this catalog instead of the configured one')
    .action(async (opts: ValidateOptions) => {
      const { io } = ctx;
      const project = await ctx.loadProject(opts.config);
      const log = new IssueLog();
      const items = { total: 0, valid: 0, invalid: 0 };
      const progress = new Progress(io, !opts.json && !opts.quiet);
      for await (const event of readProducts(project, { catalog: opts.catalog, cwd: io.cwd })) {
        log.add(event.issues);
        if (event.item) items.valid++;
        else if (event.issues.some((i) => i.severity === 'error')) items.invalid++;
        else continue;
        items.total++;
        progress.tick(items.total);
      }
      progress.done();
      const code = exitFor(log.errors, log.warnings, opts.failOn);
      ctx.setExitCode(code);
      if (opts.json) {
        io.stdout(`${JSON.stringify({ ok: code === 0, items, counts: log.counts(), issues: log.kept, issuesOmitted: log.dropped }, null, 2)}\n`);
        return;
      }
      if (opts.quiet && code === 0) return;
      const p = paint(io.isTTY && !io.env.NO_COLOR);
      const lines = [`${p.bold('catalog')}: ${items.total} items, ${p.ok(`${items.valid} valid`)}, ${items.invalid ? p.error(`${items.invalid} invalid`) : '0 invalid'}`];
      lines.push(...formatIssueGroups(log, p));
      if (items.invalid > 0) lines.push(p.dim('Invalid items are left out of every feed. Fix the rows named above in the catalog, then run `shelfcast validate` again.'));
      io.stderr(`${lines.join('\n')}\n`);
    });
}
