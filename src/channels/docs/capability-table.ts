import type { ChannelCapabilities } from '../define-channel.js';

/** Column heads of the capability table, shared by `shelfcast channels` and docs/channels. */
export const CAPABILITY_HEADS = ['formats', 'API push', 'deltas', 'deletes', 'variants', '--only', 'orders', 'stock'];

const yes = (b: boolean): string => (b ? 'yes' : 'no');

/** The capabilities as `--json` prints them (and the build's channel summaries keep them). */
export type CapabilityJson = Omit<ChannelCapabilities, 'apiPush'> & { apiPush: string | null };

/** One channel's row of the capability table. */
export function capabilityCells(c: ChannelCapabilities | CapabilityJson): string[] {
  return [c.formats.join(', '), c.apiPush ?? 'no', yes(c.deltas), yes(c.deletes), yes(c.variants), c.partial.join(', ') || 'no', yes(c.orders), yes(c.stock)];
}

/**
 * A channel's capabilities (capabilitiesOf in the registry) as `--json` prints them. Takes them
 * rather than the channel: this file stays free of the registry, whose destination schemas load
 * zod, so the lazy `shelfcast channels` list renders its table without them.
 */
export function capabilityJson(c: ChannelCapabilities): CapabilityJson {
  return { ...c, apiPush: c.apiPush ?? null };
}
