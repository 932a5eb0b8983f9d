import type { Command } from 'commander';
import { withCommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { runMergeCommand, type ShardCommandOptions } from './shard-command.js';
import { withMergeOptions } from './shard-options.js';
import { collectReport } from '../report/report-option.js';

export function registerMerge(program: Command, ctx: CommandContext): void {
  withMergeOptions(withCommonOptions(program.command('merge')))
    .description('make the feeds of a sharded build (build --shard K/N) from its shard folder: check, guard and publish them as run does')
    .option('--no-push', 'write the feeds locally only, as build does')
    .option('--dry-run', 'merge and check everything, send nothing and replace no file')
    .option('--force', 'publish even when the publish guard refuses (and say so)')
    .option('--full', 'API destinations: send every item, not only those changed since the last push')
    .option('--report <kind=path>', 'also write a report: html=PATH (a page for people) or junit=PATH (for CI); repeatable', collectReport)
    .action((opts: ShardCommandOptions & { shards: number; push: boolean }) => runMergeCommand(ctx, opts));
}
