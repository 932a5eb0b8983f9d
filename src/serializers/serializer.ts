import type { FeedHeader, FeedRecord, FormatSpec } from '../channels/define-channel.js';

/**
 * A streaming serializer: header(), then per record lead() and body(), then footer(). body() is
 * pure (the text of one record, wherever it lands), so worker threads can write bodies while the
 * one writer of the file adds what depends on a record's place in its part: separators and, for
 * Amazon, per-document message ids. Serializers never see the whole feed.
 */
export interface Serializer {
  header(): string;
  /** The text of one record, independent of its place in the file. */
  body(record: FeedRecord): string;
  /**
   * body(record) as parts appended to `out` (their concatenation is body(record)), with every
   * value of REPEATABLE_PART characters or more as a part of its own: the variants of a product
   * share a description, so an encoder can copy its bytes from the last record instead of
   * encoding it again. Absent when the serializer has no such values.
   */
  bodyParts?(record: FeedRecord, out: string[]): void;
  /**
   * What goes before body() for the `index`-th record (0-based) of the current part, whose catalog
   * row is `row`; called once per record, in order, and again from 0 after each new header().
   * Absent when records need nothing before them.
   */
  lead?(index: number, row: number): string;
  /** The end of a part that holds `items` records. */
  footer(items: number): string;
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

/** A one-part document written record by record, the way FeedOutput writes it (for previews and tests). */
export interface DocumentWriter {
  header(): string;
  /** `row` is the record's catalog row; default its `row` field, which marketplace records carry. */
  item(record: FeedRecord, row?: number): string;
  footer(): string;
}

export function documentWriter(s: Serializer): DocumentWriter {
  let items = 0;
  return {
    header() {
      items = 0;
      return s.header();
    },
    item(record, row = Number(record.row) || 0) {
      const lead = s.lead ? s.lead(items, row) : '';
      items++;
      return lead + s.body(record);
    },
    footer: () => s.footer(items),
  };
}

/** Values at least this long stand alone in bodyParts(); shorter ones join their neighbours. */
export const REPEATABLE_PART = 256;

/**
 * Adds `value` after `pending` (the text gathered since the last part): a short value is
 * appended to it and the result returned; a long one closes `pending` as a part, becomes a part
 * of its own, and '' is returned.
 */
export function addPart(out: string[], pending: string, value: string): string {
  if (value.length < REPEATABLE_PART) return pending + value;
  if (pending !== '') out.push(pending);
  out.push(value);
  return '';
}

/** A serializer's bodyParts(), or for one without: its body() as the one part. */
export function bodyPartsOf(s: Serializer): (record: FeedRecord, out: string[]) => void {
  if (s.bodyParts) return s.bodyParts;
  return (record, out) => {
    out.push(s.body(record));
  };
}

/** body() for a serializer that writes bodyParts(): the parts concatenated. */
export function bodyFromParts(bodyParts: (record: FeedRecord, out: string[]) => void): (record: FeedRecord) => string {
  const out: string[] = [];
  return (record) => {
    out.length = 0;
    bodyParts(record, out);
    let text = '';
    for (let i = 0; i < out.length; i++) text += out[i];
    return text;
  };
}
