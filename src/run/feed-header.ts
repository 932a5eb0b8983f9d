import type { FeedHeader } from '../channels/define-channel.js';
import type { LoadedProject } from '../config/load.js';

/** The shop's title, link and description, as feed headers (RSS <channel>) carry them. */
export function feedHeader(project: LoadedProject): FeedHeader {
  const shop = project.config.shop;
  return {
    title: shop.title ?? project.config.name,
    link: shop.link ?? 'https://example.com',
    description: shop.description ?? project.config.name,
  };
}
