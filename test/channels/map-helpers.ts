import type { ChannelDefinition, FeedRecord, FeedTarget, MapResult } from '../../src/channels/define-channel.js';
import type { Product } from '../../src/product/product.js';

/** A complete, valid product; tests override what they exercise. */
export const product = (over: Partial<Product> = {}): Product => ({
  id: 'sku-1',
  title: 'Classic Oxford Shirt',
  description: 'A shirt.',
  link: 'https://shop.example.com/p/sku-1',
  image_link: 'https://shop.example.com/img/sku-1.jpg',
  additional_image_link: [],
  availability: 'in_stock',
  condition: 'new',
  brand: 'Northwind',
  gtin: '4006381333931',
  price: { amount: 4999, currency: 'USD' },
  shipping: [],
  extra: {},
  ...over,
});

export const target = (over: Partial<FeedTarget> = {}): FeedTarget => ({
  id: 'test-feed',
  format: 'xml',
  country: 'US',
  language: 'en',
  currency: 'USD',
  options: {},
  ...over,
});

export const NOW = new Date('2026-01-01T00:00:00Z');

export function mapOne(channel: ChannelDefinition<any>, p: Product, t: FeedTarget = target(), row = 7): MapResult & { one?: FeedRecord } {
  const result = channel.map(p, { feed: t, row, now: NOW });
  const one = Array.isArray(result.record) ? result.record[0] : result.record;
  return one ? { ...result, one } : result;
}

export const codes = (r: MapResult): string[] => r.issues.map((i) => i.code);
