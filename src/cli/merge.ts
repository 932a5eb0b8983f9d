import { InvalidArgumentError, type Command } from 'commander';
import { withCommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { runMergeCommand, type ShardCommandOptions } from './shard-command.js';
import { withMergeOptions } from './shard-options.js';
import { collectReport } from '../report/report-option.js';

export function registerMerge(program: Command, ctx: CommandContext): void {
  withMergeOptions(withCommonOptions(program.command('merge')))
    .description('make the feeds of a sharded build (build --shard K/N) from its shard folder: check, guard and publish them as run does')
    .option('--wait <duration>', 'wait this long (30s, 45m, 2h) for shards still running; default 0: refuse at once', parseDuration)
    .option('--no-push', 'write the feeds locally only, as build does')
    .option('--dry-run', 'merge and check everything, send nothing and replace no file')
    .option('--force', 'publish even when the publish guard refuses (and say so)')
    .option('--full', 'API destinations: send every item, not only those changed since the last push')
    .option('--report <kind=path>', 'also write a report: html=PATH (a page for people) or junit=PATH (for CI); repeatable', collectReport)
    .action((opts: ShardCommandOptions & { shards: number; push: boolean; wait?: number }) => runMergeCommand(ctx, opts));
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `30s`, `45m`, `2h` (a bare number is seconds), in milliseconds. */
function parseDuration(value: string): number {
  const m = /^\s*(\d+)\s*([smh]?)\s*$/.exec(value);
  if (!m) throw new InvalidArgumentError('give a duration such as 30s, 45m or 2h.');
  return Number(m[1]) * UNIT_MS[(m[2] || 's') as keyof typeof UNIT_MS];
}
