import { selectFeeds } from '../config/load.js';
import { ShelfcastError } from '../issues/issue.js';
import { buildShard } from '../run/shard/build-shard.js';
import { mergePass, waitForShardSet } from '../run/shard/merge-shards.js';
import { openShardFolder, type ShardFolder } from '../run/shard/shard-folder.js';
import { shardName } from '../run/shard/shard-set.js';
import type { CommandContext } from './context.js';
import { runFeedPass, type FeedCommandOptions, type FeedSource } from './feed-command.js';
import { shardDirOf, type ShardOptions } from './shard-options.js';

export type ShardCommandOptions = FeedCommandOptions & ShardOptions;

const folderOf = (ctx: CommandContext, opts: ShardOptions): Promise<ShardFolder> => openShardFolder(shardDirOf(opts), ctx.io.cwd, ctx.io.env);

/**
 * `build --shard K/N` (and `run --shard K/N`, the same: a shard publishes nothing, the merge
 * does): shard K's part of every feed into the shard folder. It takes no run lock and touches no
 * output or state of the project, so shards run side by side and a retried shard does no harm.
 */
export async function runShardCommand(ctx: CommandContext, opts: ShardCommandOptions): Promise<void> {
  const { io } = ctx;
  const spec = opts.shard!;
  const mergeOnly = (['dryRun', 'force', 'full', 'report'] as const).filter((k) => opts[k] !== undefined && opts[k] !== false);
  if (mergeOnly.length) {
    const names = mergeOnly.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
    throw new ShelfcastError(`--shard builds one part and publishes nothing: ${names} belong${mergeOnly.length === 1 ? 's' : ''} to \`shelfcast merge\``);
  }
  const folder = await folderOf(ctx, opts);
  const project = await ctx.loadProject(opts.config);
  const feeds = selectFeeds(project, opts.feed);
  const m = await buildShard(project, feeds, {
    spec,
    folder,
    catalog: opts.catalog,
    cwd: io.cwd,
    now: io.now ?? (() => new Date()),
    at: opts.at,
    only: opts.only,
    workers: opts.workers,
    unitBytes: opts.unitBytes,
    unitRows: opts.unitRows,
  });
  if (opts.json) {
    io.stdout(`${JSON.stringify({ shard: m.shard, shards: m.shards, dir: folder.dir, at: m.at, units: m.units, rows: m.rows, catalog: m.catalog, feeds: m.feeds, file: m.file }, null, 2)}\n`);
  } else if (!opts.quiet) {
    io.stderr(`${shardName(spec)}: ${m.rows.toLocaleString('en-US')} rows in ${m.units} units written to ${folder.dir}; once all ${spec.count} are done: shelfcast merge --shards ${spec.count} --shard-dir ${opts.shardDir}\n`);
  }
}

/** `merge --shards N`: the feeds of a sharded build, checked, guarded and published as `run` does (`build` with --no-push). */
export async function runMergeCommand(ctx: CommandContext, opts: ShardCommandOptions & { shards: number; push: boolean; wait?: number }): Promise<void> {
  const folder = await folderOf(ctx, opts);
  const source: FeedSource = {
    command: 'merge',
    prepare: async (project) => {
      const set = await waitForShardSet(project, folder, opts.shards, opts.wait ?? 0);
      return { feeds: set.feeds, only: set.manifests[0]!.only, pass: mergePass(folder, set) };
    },
  };
  await runFeedPass(ctx, opts, opts.push, source);
}
