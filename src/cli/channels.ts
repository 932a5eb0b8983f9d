import type { Command } from 'commander';
import { channelSummaries } from '../channels/channel-summaries.js';
import { capabilityJson } from '../channels/docs/capability-table.js';
import { renderChannelTable } from '../channels/docs/render-channel-table.js';
import { ShelfcastError } from '../issues/issue.js';
import { didYouMean } from '../util/did-you-mean.js';
import type { CommandContext } from './context.js';

export function registerChannels(program: Command, ctx: CommandContext): void {
  program
    .command('channels')
    .argument('[id]', 'one channel: its attributes, limits and catalog sources')
    .description('list the channels and what each can do (formats, API push, deltas, deletes, variants, --only groups, orders, stock), or describe one channel')
    .option('--json', 'print one JSON document on stdout')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      const { io } = ctx;
      if (id !== undefined) {
        // The registry (and zod, for its destination schemas) only here: the list needs neither.
        const { CHANNEL_IDS, capabilitiesOf, isChannelId, loadChannel } = await import('../channels/registry.js');
        if (!isChannelId(id)) throw new ShelfcastError(`channels: unknown channel "${id}"${didYouMean(id, CHANNEL_IDS)} (see \`shelfcast channels\`)`);
        const channel = await loadChannel(id);
        if (opts.json) {
          const { id: cid, title, kind, formats, attributes } = channel;
          io.stdout(`${JSON.stringify({ id: cid, title, kind, formats, capabilities: capabilityJson(capabilitiesOf(channel)), attributes }, null, 2)}\n`);
        } else io.stdout((await import('../channels/docs/render-channel-text.js')).renderChannelSummary(channel));
        return;
      }
      const channels = await channelSummaries();
      io.stdout(opts.json ? `${JSON.stringify(channels, null, 2)}\n` : renderChannelTable(channels));
    });
}
