import type { FeedHeader, FeedTarget } from '../channels/define-channel.js';
import { feedColumns } from '../channels/render-feed.js';
import type { LoadedFeed, LoadedProject } from '../config/load.js';
import { createSerializer, type Serializer } from '../serializers/index.js';
import { withFormulaGuard } from '../serializers/formula-cells.js';

/** The shop's title, link and description, as feed headers (RSS <channel>) carry them. */
export function feedHeader(project: LoadedProject): FeedHeader {
  const shop = project.config.shop;
  return {
    title: shop.title ?? project.config.name,
    link: shop.link ?? 'https://example.com',
    description: shop.description ?? project.config.name,
  };
}

/**
 * The feed's streaming serializer, as the build writes it: the main thread for the files, the
 * worker threads for the record bodies, and `plan` for its next records.
 */
export function feedSerializer(project: LoadedProject, feed: LoadedFeed, target: FeedTarget): Serializer {
  const options = withFormulaGuard(feed.options, feed.format, feed.config.neutralize_formulas);
  return createSerializer({ format: feed.format, columns: feedColumns(feed.channel, target), header: feedHeader(project), options }, feed.channel.serializers);
}
