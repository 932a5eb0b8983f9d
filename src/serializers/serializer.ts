import type { FeedHeader, FeedRecord, FormatSpec } from '../channels/define-channel.js';

/**
 * A streaming serializer: the pipeline writes header(), then item() per record, then footer().
 * Each returns text; the writer batches it into large writes. Serializers never see the whole feed.
 */
export interface Serializer {
  header(): string;
  item(record: FeedRecord): string;
  footer(): string;
  /**
   * Fields of a written item that locate it in the file rather than describe it (Amazon's
   * messageId, eBay's row): `plan` ignores them when it compares published and next items. Default none.
   */
  readonly locators?: readonly string[];
}

export interface SerializerContext {
  format: FormatSpec;
  /** Columns for tabular formats, in order. */
  columns: string[];
  /** Channel-level metadata (RSS <channel> title/link/description). */
  header: FeedHeader;
  /** Options the channel passes to its serializer (namespace, root element...). */
  options?: Record<string, unknown>;
}
