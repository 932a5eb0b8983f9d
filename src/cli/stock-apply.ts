import type { LoadedProject } from '../config/load.js';
import { stockChannelOf } from '../run/stock-overrides.js';
import type { Correction } from '../stock/reconcile.js';
import type { CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { runFeedPass } from './feed-command.js';

/**
 * `stock reconcile --apply`: the feeds already show the allocated quantities, so a correction is a
 * quantity-only run (`run --only quantity`) of the marketplace feeds of the channels that differ.
 * Other channels (fetched feeds) pick the allocation up at their next scheduled run. Returns the
 * lines to print.
 */
export async function pushQuantityCorrections(ctx: CommandContext, opts: CommonOptions, project: LoadedProject, corrections: readonly Correction[]): Promise<string[]> {
  const channels = new Set(corrections.map((c) => c.channel));
  const feeds = project.feeds.filter((f) => f.config.enabled && channels.has(stockChannelOf(f)));
  // Channels whose feeds take a quantity-only update (their definition's `only`: marketplace PATCH messages).
  const pushable = feeds.filter((f) => f.channel.only?.includes('quantity'));
  const lines: string[] = [];
  const later = feeds.filter((f) => !pushable.includes(f)).map((f) => f.id);
  if (later.length > 0) lines.push(`feeds ${later.join(', ')} show the allocation at their next run`);
  if (pushable.length === 0) {
    if (later.length === 0) lines.push(`no feed sells through ${[...channels].join(', ')}: set stock_channel in the feed files to connect them`);
    return lines;
  }
  const record = await runFeedPass(ctx, { config: opts.config, failOn: opts.failOn, quiet: true, feed: pushable.map((f) => f.id), only: ['quantity'] }, true);
  for (const f of record.feeds) {
    lines.push(`${f.id}: quantity update for ${f.items} item(s) ${f.status}${f.destination ? ` to ${f.destination}` : ''}`);
  }
  return lines;
}
