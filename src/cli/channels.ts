import type { Command } from 'commander';
import { capabilityJson } from '../channels/docs/capability-table.js';
import { renderChannelSummary, renderChannelTable } from '../channels/docs/render-channel-text.js';
import { CHANNEL_IDS, isChannelId, loadChannel } from '../channels/registry.js';
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
        if (!isChannelId(id)) throw new ShelfcastError(`channels: unknown channel "${id}"${didYouMean(id, CHANNEL_IDS)} (see \`shelfcast channels\`)`);
        const channel = await loadChannel(id);
        if (opts.json) {
          const { id: cid, title, kind, formats, attributes } = channel;
          io.stdout(`${JSON.stringify({ id: cid, title, kind, formats, capabilities: capabilityJson(channel), attributes }, null, 2)}\n`);
        } else io.stdout(renderChannelSummary(channel));
        return;
      }
      const channels = await Promise.all(CHANNEL_IDS.map((c) => loadChannel(c)));
      if (opts.json) {
        io.stdout(`${JSON.stringify(channels.map((c) => ({ id: c.id, title: c.title, kind: c.kind, formats: c.formats.map((f) => f.id), capabilities: capabilityJson(c) })), null, 2)}\n`);
      } else io.stdout(renderChannelTable(channels));
    });
}
