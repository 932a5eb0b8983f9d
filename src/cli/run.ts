import { FAIL_ON_DISAPPROVALS_HELP, shareOption } from './diagnostics.js';
import type { Command } from 'commander';
import { collectList, withCommonOptions, withWorkersOption } from './common-options.js';
import type { CommandContext } from './context.js';
import { runFeedCommand } from './feed-command.js';
import { runShardCommand, type ShardCommandOptions } from './shard-command.js';
import { withShardOptions } from './shard-options.js';
import { collectReport } from '../report/report-option.js';

export function registerRun(program: Command, ctx: CommandContext): void {
  withShardOptions(withWorkersOption(withCommonOptions(program.command('run'))))
    .description('validate the catalog, build every feed and publish it to its destination')
    .option('--catalog <file>', 'read this catalog instead of the configured one')
    .option('-f, --feed <id>', 'only this feed (repeatable, or comma-separated)', collectList)
    .option('--dry-run', 'build and check everything, send nothing and replace no file')
    .option('--force', 'publish even when the publish guard refuses (and say so)')
    .option('--full', 'API destinations: send every item, not only those changed since the last push')
    .option('--only <groups>', 'only these attribute groups (price,quantity): PATCH updates for marketplaces', collectList)
    .option('--fail-on-disapprovals <share>', FAIL_ON_DISAPPROVALS_HELP, shareOption)
    .option('--no-verdicts', "do not read the channels' verdicts after the push (Amazon and eBay are read one item at a time: on large feeds schedule `shelfcast diagnostics` instead)")
    .option('--report <kind=path>', 'also write a report: html=PATH (a page for people) or junit=PATH (for CI); repeatable', collectReport)
    .action((opts: ShardCommandOptions) => (opts.shard ? runShardCommand(ctx, opts) : runFeedCommand(ctx, opts, true)));
}
