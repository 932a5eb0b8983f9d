import type { ChannelSummary } from './channel-summaries.js';
import type { ChannelDefinition } from './define-channel.js';
import { capabilityJson } from './docs/capability-table.js';
import { capabilitiesOf, CHANNEL_IDS, loadChannel } from './registry.js';

export const summarizeChannel = (c: ChannelDefinition<any>): ChannelSummary => ({
  id: c.id,
  title: c.title,
  kind: c.kind,
  formats: c.formats.map((f) => f.id),
  capabilities: capabilityJson(capabilitiesOf(c)),
});

/** Every channel's summary, in registry order, from the loaded channel modules. */
export async function summarizeChannels(): Promise<ChannelSummary[]> {
  return (await Promise.all(CHANNEL_IDS.map((id) => loadChannel(id)))).map(summarizeChannel);
}
