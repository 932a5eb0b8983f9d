import type { Issue } from '../issues/issue.js';
import { ShelfcastError } from '../issues/issue.js';
import type { CatalogItem } from '../product/product.js';
import { createSerializer, documentWriter } from '../serializers/index.js';
import { withFormulaGuard } from '../serializers/formula-cells.js';
import type { ChannelDefinition, FeedHeader, FeedRecord, FeedTarget, FormatSpec } from './define-channel.js';

export interface RenderOptions {
  /** Injected clock passed to every map call. */
  now: Date;
  /** RSS <channel> metadata. */
  header: FeedHeader;
  /** Serializer options (see src/serializers); default the feed's channel options, as the pipeline passes them. */
  serializerOptions?: Record<string, unknown>;
}

/** The channel's format spec for `formatId`; a ShelfcastError naming the choices otherwise. */
export function findFormat(channel: ChannelDefinition<any>, formatId: string): FormatSpec {
  const format = channel.formats.find((f) => f.id === formatId);
  if (!format) {
    throw new ShelfcastError(`Channel ${channel.id} has no format "${formatId}"; use one of: ${channel.formats.map((f) => f.id).join(', ')}.`);
  }
  return format;
}

/** Tabular columns: the channel's own, else its attribute names in order. */
export const feedColumns = (channel: ChannelDefinition<any>, target: FeedTarget): string[] =>
  channel.columns ? channel.columns(target) : channel.attributes.map((a) => a.name);

/** Every record of a map result, as a list. */
export const recordsOf = (record: FeedRecord | FeedRecord[] | undefined): FeedRecord[] =>
  record === undefined ? [] : Array.isArray(record) ? record : [record];

/**
 * The feed as text chunks, one per item (plus header and footer), so the writer can stream it;
 * issues are handed to `onIssue` as they arise. Items whose map returns no record are left out.
 */
export function* feedChunks(
  channel: ChannelDefinition<any>,
  formatId: string,
  target: FeedTarget,
  items: Iterable<CatalogItem>,
  opts: RenderOptions,
  onIssue: (issue: Issue) => void,
): Generator<string> {
  const format = findFormat(channel, formatId);
  const serializer = documentWriter(createSerializer({ format, columns: feedColumns(channel, target), header: opts.header, options: opts.serializerOptions ?? withFormulaGuard(target.options, format, undefined) }, channel.serializers));
  yield serializer.header();
  for (const { product, row } of items) {
    const result = channel.map(product, { feed: target, row, now: opts.now });
    for (const issue of result.issues) onIssue(issue);
    for (const record of recordsOf(result.record)) yield serializer.item(record, row);
  }
  yield serializer.footer();
}

/** The whole feed as one string with its issues (tests, previews, `shelfcast preview`). */
export function renderFeed(
  channel: ChannelDefinition<any>,
  formatId: string,
  target: FeedTarget,
  items: Iterable<CatalogItem>,
  opts: RenderOptions,
): { text: string; issues: Issue[] } {
  const issues: Issue[] = [];
  let text = '';
  for (const chunk of feedChunks(channel, formatId, target, items, opts, (i) => issues.push(i))) text += chunk;
  return { text, issues };
}
