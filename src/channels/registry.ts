import { amazonOrders } from './amazon/amazon-orders.js';
import { amazonDestinationSchema } from './amazon/destination-schema.js';
import type { ChannelCapabilities, ChannelDefinition, OrderReader } from './define-channel.js';
import { ebayDestinationSchema } from './ebay/destination-schema.js';
import { ebayOrders } from './ebay/ebay-orders.js';
import { googleMerchantDestinationSchema } from './google/destination-schema.js';
import { googleLocalInventoryDestinationSchema } from './google-local/destination-schema.js';
import { metaDestinationSchema } from './meta/destination-schema.js';
import { pinterestDestinationSchema } from './pinterest/destination-schema.js';
import type { FetchVerdicts } from '../verdicts/fetcher.js';

/**
 * Every channel, by id: its folder's definition (lazily imported: a channel's map, serializer and
 * API client load only when a feed uses them) and the light parts the config schema and the CLI
 * need before any channel loads: the destination schema of its API push and its order reader.
 * Explicit: adding a channel means adding its folder and one entry here; nothing scans the
 * filesystem at run time. Everything else (destination types, serializers, order formats, the
 * capability table) is derived from these entries and the definitions.
 */
const CHANNELS = {
  google: { load: () => import('./google/index.js'), destination: googleMerchantDestinationSchema, verdicts: () => import('./google/verdicts.js') },
  microsoft: { load: () => import('./microsoft/index.js') },
  meta: { load: () => import('./meta/index.js'), destination: metaDestinationSchema, verdicts: () => import('./meta/verdicts.js') },
  pinterest: { load: () => import('./pinterest/index.js'), destination: pinterestDestinationSchema, verdicts: () => import('./pinterest/verdicts.js') },
  tiktok: { load: () => import('./tiktok/index.js') },
  snapchat: { load: () => import('./snapchat/index.js') },
  idealo: { load: () => import('./idealo/index.js') },
  csv: { load: () => import('./csv/index.js') },
  json: { load: () => import('./json/index.js') },
  amazon: { load: () => import('./amazon/index.js'), destination: amazonDestinationSchema, orders: amazonOrders, verdicts: () => import('./amazon/verdicts.js') },
  ebay: { load: () => import('./ebay/index.js'), destination: ebayDestinationSchema, orders: ebayOrders, verdicts: () => import('./ebay/verdicts.js') },
  'google-local': { load: () => import('./google-local/index.js'), destination: googleLocalInventoryDestinationSchema },
} satisfies Record<string, ChannelEntry>;

interface ChannelEntry {
  load: () => Promise<{ default: ChannelDefinition<any> }>;
  /** The `destination:` schema of the channel's API push (`type` a literal); absent without one. */
  destination?: { shape: { type: { value: string } } };
  /** Reads the channel's order export; absent when it has none. */
  orders?: OrderReader;
  /** Reads the channel's own item-level verdicts (src/channels/<id>/verdicts.ts); absent when it has none. */
  verdicts?: () => Promise<{ fetchVerdicts: FetchVerdicts }>;
}

export type ChannelId = keyof typeof CHANNELS;
export const CHANNEL_IDS = Object.keys(CHANNELS) as ChannelId[];

export const isChannelId = (id: string): id is ChannelId => Object.hasOwn(CHANNELS, id);

const entry = (id: ChannelId): ChannelEntry => CHANNELS[id];

export async function loadChannel(id: ChannelId): Promise<ChannelDefinition<any>> {
  const mod = await entry(id).load();
  return mod.default;
}

type Schemas<T> = { [K in keyof T]: T[K] extends { destination: infer S } ? S : never }[keyof T];
/** The `destination:` schemas of the channels' API pushes, for the feed schema's union. */
export const CHANNEL_DESTINATION_SCHEMAS = CHANNEL_IDS.flatMap((id) => {
  const d = entry(id).destination;
  return d ? [d] : [];
}) as Array<Schemas<typeof CHANNELS>>;

/** The channel whose API push a `destination.type` names, if any. */
export function channelOfDestination(type: string): ChannelId | undefined {
  return CHANNEL_IDS.find((id) => entry(id).destination?.shape.type.value === type);
}

/** The verdict reader of the channel whose API push a `destination.type` names, if it has one. */
export async function verdictReaderOf(type: string): Promise<FetchVerdicts | undefined> {
  const id = channelOfDestination(type);
  const load = id ? entry(id).verdicts : undefined;
  return load ? (await load()).fetchVerdicts : undefined;
}

/** The destination types whose channel verdicts shelfcast reads (`diagnostics`, after `run`). */
export const VERDICT_DESTINATION_TYPES: string[] = CHANNEL_IDS.flatMap((id) => {
  const e = entry(id);
  return e.verdicts && e.destination ? [e.destination.shape.type.value] : [];
});

/** Channels whose order export `shelfcast stock orders` reads, with their readers. */
export const ORDER_READERS: ReadonlyArray<[ChannelId, OrderReader]> = CHANNEL_IDS.flatMap((id) => {
  const r = entry(id).orders;
  return r ? [[id, r] as [ChannelId, OrderReader]] : [];
});

/** What a channel can do: from its definition (formats, push, attributes) and its entry (orders). */
export function capabilitiesOf(channel: ChannelDefinition<any>): ChannelCapabilities {
  const sources = channel.attributes.map((a) => a.source);
  const id = channel.id as ChannelId;
  return {
    formats: channel.formats.map((f) => f.id),
    apiPush: channel.push?.destination,
    deltas: channel.push?.deltas ?? false,
    deletes: channel.push?.deletes ?? false,
    variants: sources.some((s) => s.includes('item_group_id')),
    partial: [...(channel.only ?? [])],
    orders: isChannelId(id) && entry(id).orders !== undefined,
    // The allocation overrides quantity and, from it, availability (src/run/stock-overrides.ts).
    stock: sources.some((s) => /\b(quantity|availability)\b/.test(s)),
  };
}
