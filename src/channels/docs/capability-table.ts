import type { ChannelCapabilities, ChannelDefinition } from '../define-channel.js';
import { capabilitiesOf } from '../registry.js';

/** Column heads of the capability table, shared by `shelfcast channels` and docs/channels. */
export const CAPABILITY_HEADS = ['formats', 'API push', 'deltas', 'deletes', 'variants', 'orders', 'stock'];

const yes = (b: boolean): string => (b ? 'yes' : 'no');

/** The capabilities as `--json` prints them (and the build's channel summaries keep them). */
export type CapabilityJson = Omit<ChannelCapabilities, 'apiPush'> & { apiPush: string | null };

/** One channel's row of the capability table. */
export function capabilityCells(c: ChannelCapabilities | CapabilityJson): string[] {
  return [c.formats.join(', '), c.apiPush ?? 'no', yes(c.deltas), yes(c.deletes), yes(c.variants), yes(c.orders), yes(c.stock)];
}

/** The channel's capabilities as `--json` prints them. */
export function capabilityJson(channel: ChannelDefinition<any>): CapabilityJson {
  const c = capabilitiesOf(channel);
  return { ...c, apiPush: c.apiPush ?? null };
}
