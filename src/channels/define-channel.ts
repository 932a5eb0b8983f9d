import type { z } from 'zod';
import type { Issue } from '../issues/issue.js';
import type { Product } from '../product/product.js';
import type { Serializer, SerializerContext } from '../serializers/serializer.js';
import type { LineEvent } from '../stock/events.js';
import type { Destination } from '../transports/types.js';

/** A value in a channel record. Arrays repeat the field (XML) or are joined (CSV); objects become sub-elements. */
export type FieldValue = string | string[] | Array<Record<string, string>>;
/** One output item: field name -> value, in output order. */
export type FeedRecord = Record<string, FieldValue>;

/** The generic streaming writers of src/serializers/, which any channel's formats may use. */
export type GenericSerializerId = 'rss' | 'csv' | 'tsv' | 'tsv-quoted' | 'json' | 'ndjson';
/**
 * A generic writer, or one a channel writes itself (named in its `serializers`). A channel's own
 * writer writes JSON documents of one object per item, which is how `plan` reads its items back.
 */
export type SerializerId = GenericSerializerId | (string & {});
export const GENERIC_SERIALIZERS: readonly GenericSerializerId[] = ['rss', 'csv', 'tsv', 'tsv-quoted', 'json', 'ndjson'];

export interface FormatSpec {
  /** Format id used in feed files (`format: xml`). */
  id: string;
  serializer: SerializerId;
  /** File extension written, without the dot. */
  ext: string;
  /** MIME type used when serving or uploading. */
  contentType: string;
  /** Split the output into parts past these limits (Amazon: 25,000 messages / 10 MiB). */
  split?: { maxItems?: number; maxBytes?: number };
  /**
   * People open this file in a spreadsheet rather than a channel reading it as data: formula
   * cells are neutralised by default (the feed's `neutralize_formulas` decides). Leave it unset
   * where the channel's importer reads every cell as text: the neutralising `'` would show there.
   */
  spreadsheet?: boolean;
}

/** Feed settings a channel map sees (from the feed's YAML). */
export interface FeedTarget {
  /** Feed id (file name of feeds/<id>.yaml unless set). */
  id: string;
  format: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** ISO 639-1, lower case. */
  language?: string;
  /** ISO 4217; items priced in another currency are excluded. */
  currency?: string;
  /** IANA time zone of catalog dates without an offset (`timezone:`); default UTC. */
  timezone?: string;
  /** The channel's own options, parsed with its `options` schema. */
  options: Record<string, unknown>;
  /** `--only price,quantity`: send only these attribute groups (marketplaces emit PATCH messages); default all. */
  only?: string[];
}

export interface MapContext {
  feed: FeedTarget;
  /** Spreadsheet row of the product, for issues. */
  row: number;
  /** Injected clock, for byte-stable output. */
  now: Date;
}

export interface MapResult {
  /** Absent when the item is excluded from the feed (then issues hold at least one error). */
  record?: FeedRecord | FeedRecord[];
  issues: Issue[];
}

/** Documentation of one channel attribute, for `shelfcast channels <id>` and docs/channels. */
export interface AttributeDoc {
  name: string;
  required: boolean;
  /** Human description of the value format, e.g. `15.00 USD`, `in stock | out of stock`. */
  format: string;
  /** Maximum length in characters, when the channel has one. */
  limit?: number;
  /** Which canonical catalog field feeds it. */
  source: string;
}

export interface FeedHeader {
  title: string;
  link: string;
  description: string;
}

export interface ChannelDefinition<O extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  title: string;
  kind: 'comparison' | 'social' | 'marketplace' | 'generic';
  formats: FormatSpec[];
  attributes: AttributeDoc[];
  /** Channel-specific feed options (validated at config load). */
  options?: z.ZodType<O>;
  /** Pure: one validated product to the channel's record(s), or issues explaining the exclusion. */
  map(product: Product, ctx: MapContext): MapResult;
  /**
   * Record fields that locate the item in the catalog rather than describe it (the source row);
   * they move whenever a row is inserted above, so `plan` ignores them when it compares records
   * (the snapshot of versions before the item index; in the files, the serializer's `locators`
   * name them). Default none.
   */
  locators?: string[];
  /** Columns for tabular formats, in order; derived from `attributes` when absent. */
  columns?(feed: FeedTarget): string[];
  /** The channel's own writers, by the serializer id its formats name; default none (generic writers only). */
  serializers?: Record<string, (ctx: SerializerContext) => Serializer>;
  /** Attribute groups `--only` may name (partial updates, e.g. `quantity`); default none (whole items only). */
  only?: readonly string[];
  /** Push through the channel's API; default none (files only). */
  push?: ChannelPush;
  /**
   * Countries where the channel's docs take prices only in the local currency (ISO 3166-1 -> the
   * ISO 4217 codes accepted there, see src/config/codes/local-currency.ts); a feed for such a
   * country in another currency is refused at config load. Default none.
   */
  marketCurrencies?: Readonly<Record<string, readonly string[]>>;
  /**
   * The only currencies the channel takes in any country, from its published list (ISO 4217);
   * a feed in another currency is refused at config load. Default every ISO 4217 code.
   */
  currencies?: readonly string[];
}

/** Pushing a feed through the channel's own API (`destination: { type: <destination> }`). */
export interface ChannelPush {
  /** The `destination.type` of feeds that push through it. */
  destination: string;
  /** Only items changed since the last acknowledged push are sent. */
  deltas: boolean;
  /** Items gone from the feed are deleted on the channel. */
  deletes: boolean;
  /**
   * Ids of the items the push adds from the whole feed (Amazon's variation parents, eBay's
   * inventory item groups), given the feed's records, so that `plan` does not count them as gone.
   * Default none.
   */
  derivedIds?(records: readonly FeedRecord[]): string[];
  /** Loaded lazily: the API client loads only when a feed pushes through it. */
  create(config: { type: string }, feedId: string): Promise<Destination>;
}

/** Reads the channel's own order export into order-line events (`shelfcast stock orders`). */
export interface OrderReader {
  /** True when a JSON document has this channel's order shape (`--format auto`). */
  detect(doc: unknown): boolean;
  /** The order-line events of one JSON document; problems go to `issues`, the document's item number in `item`. */
  events(doc: unknown, channel: string, file: string, item: number, issues: Issue[]): LineEvent[];
}

/** What a channel can do, derived from its definition and its registry entry (`shelfcast channels`). */
export interface ChannelCapabilities {
  formats: string[];
  /** The destination type of its API push; absent when feeds go only as files. */
  apiPush?: string;
  deltas: boolean;
  deletes: boolean;
  /** Variants grouped by item_group_id (or the channel's own parent). */
  variants: boolean;
  /** Attribute groups `--only` can send alone (partial updates); empty when only whole items go. */
  partial: string[];
  /** `shelfcast stock orders --format <id>` reads its order export. */
  orders: boolean;
  /** Its feeds show the quantity (or the availability) the shared-stock ledger allocates to it. */
  stock: boolean;
}

export const defineChannel = <O extends Record<string, unknown>>(def: ChannelDefinition<O>): ChannelDefinition<O> => def;
