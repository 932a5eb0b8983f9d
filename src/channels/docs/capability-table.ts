import type { ChannelCapabilities, ChannelDefinition } from '../define-channel.js';
import { capabilitiesOf } from '../registry.js';

/** Column heads of the capability table, shared by `shelfcast channels` and docs/channels. */
export const CAPABILITY_HEADS = ['formats', 'API push', 'deltas', 'deletes', 'variants', '--only', 'orders', 'stock'];

const yes = (b: boolean): string => (b ? 'yes' : 'no');

/** One channel's row of the capability table. */
export function capabilityCells(c: ChannelCapabilities): string[] {
  return [c.formats.join(', '), c.apiPush ?? 'no', yes(c.deltas), yes(c.deletes), yes(c.variants), c.partial.join(', ') || 'no', yes(c.orders), yes(c.stock)];
}

/** The channel's capabilities as `--json` prints them. */
export function capabilityJson(channel: ChannelDefinition<any>): Omit<ChannelCapabilities, 'apiPush'> & { apiPush: string | null } {
  const c = capabilitiesOf(channel);
  return { ...c, apiPush: c.apiPush ?? null };
}
