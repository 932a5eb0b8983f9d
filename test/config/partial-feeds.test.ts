import { describe, expect, it } from 'vitest';
import { selectPartialFeeds, type LoadedFeed } from '../../src/config/load.js';
import { loadChannel } from '../../src/channels/registry.js';

async function feed(id: string, channel: 'google' | 'amazon' | 'ebay'): Promise<LoadedFeed> {
  // Only the id and the channel's declared --only groups matter to the selection.
  return { id, channel: await loadChannel(channel) } as unknown as LoadedFeed;
}

describe('--only chooses the feeds that can send a partial update', () => {
  it('refuses a named feed whose channel sends whole items only, naming feed, channel and groups', async () => {
    const feeds = [await feed('google', 'google'), await feed('amazon', 'amazon')];
    expect(() => selectPartialFeeds(feeds, ['price'], true)).toThrow(/--only price: feed "google" \(channel google\) sends whole items only/);
  });

  it('refuses a group the named channel cannot send alone', async () => {
    const feeds = [await feed('amazon', 'amazon')];
    expect(() => selectPartialFeeds(feeds, ['title'], true)).toThrow(/feed "amazon" \(channel amazon\) can send only price, quantity/);
  });

  it('without --feed takes the feeds that can and leaves the others as they are', async () => {
    const feeds = [await feed('google', 'google'), await feed('amazon', 'amazon'), await feed('ebay', 'ebay')];
    const { feeds: chosen, skipped } = selectPartialFeeds(feeds, ['quantity'], false);
    expect(chosen.map((f) => f.id)).toEqual(['amazon', 'ebay']);
    expect(skipped.map((f) => f.id)).toEqual(['google']);
  });

  it('without --feed and no feed that can, says so', async () => {
    const feeds = [await feed('google', 'google')];
    expect(() => selectPartialFeeds(feeds, ['price'], false)).toThrow(/no enabled feed can send a partial update/);
  });
});
