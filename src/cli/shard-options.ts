import { InvalidArgumentError, Option, type Command } from 'commander';
import { ShelfcastError } from '../issues/issue.js';
import { parseShardCount, parseShardSpec, type ShardSpec } from '../run/shard/shard-set.js';

export interface ShardOptions {
  /** `--shard K/N`: build only shard K of N into the shard folder; default: the whole catalog. */
  shard?: ShardSpec;
  /** `--shard-dir DIR`: where the shards of a build meet (a local or mounted folder); required with --shard and --shards. */
  shardDir?: string;
  /** `--at TIME`: the clock every shard of the set builds with; default: when the set's first shard started. */
  at?: Date;
  /** Catalog bytes per unit of work; default 512 KiB. */
  unitBytes?: number;
  /** Rows per unit where the main thread reads the rows; default 500. */
  unitRows?: number;
}

/** Turns a usage problem into commander's kind, so it is reported as one (exit 2, no stack). */
const asArgument = <T>(parse: (v: string) => T) => (value: string): T => {
  try {
    return parse(value);
  } catch (err) {
    if (err instanceof ShelfcastError) throw new InvalidArgumentError(err.message.replace(/^--\S+ \S+: /, ''));
    throw err;
  }
};

const positive = (what: string) => (value: string): number => {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 1)) throw new InvalidArgumentError(`give the ${what} as a whole number of at least 1.`);
  return n;
};

function parseAt(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(d.getTime())) throw new InvalidArgumentError('give an ISO 8601 time such as 2026-01-01T06:00:00Z.');
  return d;
}

/** The folder every shard of a set and the merge share. */
const SHARD_DIR_HELP = 'the folder where the shards of a build meet (a shared volume, a folder the CI carries as artifacts) or s3://bucket/prefix';
const withShardFolder = (cmd: Command): Command => cmd.option('--shard-dir <dir>', SHARD_DIR_HELP);

/** `--shard K/N`, `--shard-dir`, `--at` (and the unit sizes, which every shard must share) for build and run. */
export function withShardOptions(cmd: Command): Command {
  return withShardFolder(cmd)
    .option('--shard <K/N>', 'build only shard K of N (K from 0, as JOB_COMPLETION_INDEX counts) into --shard-dir; `merge --shards N` then makes the feeds', asArgument(parseShardSpec))
    .option('--at <time>', 'with --shard: the clock of the whole build (default: when its first shard started)', parseAt)
    .addOption(new Option('--unit-bytes <n>', 'catalog bytes per unit of work (default 512 KiB); the shards and the merge must agree').argParser(positive('unit size')).hideHelp())
    .addOption(new Option('--unit-rows <n>', 'rows per unit where the catalog is read by rows (default 500)').argParser(positive('unit size')).hideHelp());
}

/** `--shards N` and `--shard-dir` for merge. */
export function withMergeOptions(cmd: Command): Command {
  // merge has no meaning without the folder, so commander names it missing like --shards.
  return cmd.requiredOption('--shard-dir <dir>', SHARD_DIR_HELP).requiredOption('--shards <n>', 'how many shards the build was cut into', asArgument(parseShardCount));
}

/** The shard folder given, or a usage error naming the option. */
export function shardDirOf(opts: ShardOptions): string {
  if (!opts.shardDir) throw new ShelfcastError('--shard-dir <dir> is required with --shard and --shards: the folder (or s3://bucket/prefix) where the shards of a build meet', { code: 'usage.missing_option' });
  return opts.shardDir;
}
