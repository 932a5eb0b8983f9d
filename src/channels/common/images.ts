import type { ItemIssues } from './item-issues.js';

/**
 * At most `max` additional image links (channels reject or ignore the rest), with a
 * `<channel>.additional_image_link.too_many` warning when some are dropped.
 */
export function limitImages(links: readonly string[], max: number, out: ItemIssues): string[] {
  if (links.length <= max) return [...links];
  out.warn('additional_image_link', 'too_many', `${links.length} additional images; ${out.channel} takes ${max}, the rest were left out.`);
  return links.slice(0, max);
}

const EXTENSION = /\.([A-Za-z0-9]{1,5})$/;

/** Lower-case file extension of a URL's path (query and fragment ignored), or undefined. */
export function imageExtension(url: string): string | undefined {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? url;
  }
  return EXTENSION.exec(path)?.[1]?.toLowerCase();
}
