import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import google from '../../src/channels/google/index.js';
import meta from '../../src/channels/meta/index.js';
import microsoft from '../../src/channels/microsoft/index.js';
import snapchat from '../../src/channels/snapchat/index.js';
import { renderFeed } from '../../src/channels/render-feed.js';
import type { Product } from '../../src/product/product.js';
import { parseRss, parseTabular } from '../serializers/read-feed.js';
import { NOW, target } from './map-helpers.js';

/** Arbitrary products as validation lets them through: any text, optional fields, any currency. */
const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'b', ' ', '<p>', '&amp;', '\n', '"', ',', '\t', 'é', '😀', '\ud800', '\u0001'), maxLength: max });
const money = fc.record({ amount: fc.integer({ min: 0, max: 10_000_000 }), currency: fc.constantFrom('USD', 'EUR', 'JPY') });
const productArb: fc.Arbitrary<Product> = fc
  .record(
    {
      id: fc.string({ minLength: 1, maxLength: 60 }),
      title: text(400).map((t) => t || 'x'),
      description: fc.option(text(12_000), { nil: undefined }),
      link: fc.option(fc.webUrl(), { nil: undefined }),
      image_link: fc.option(fc.constantFrom('https://a/x.jpg', 'https://a/x.gif', 'https://a/x'), { nil: undefined }),
      additional_image_link: fc.array(fc.webUrl(), { maxLength: 25 }),
      price: fc.option(money, { nil: undefined }),
      sale_price: fc.option(money, { nil: undefined }),
      availability: fc.option(fc.constantFrom('in_stock', 'out_of_stock', 'preorder', 'backorder' as const), { nil: undefined }),
      availability_date: fc.option(fc.constant('2026-02-01'), { nil: undefined }),
      brand: fc.option(text(120), { nil: undefined }),
      gtin: fc.option(fc.constant('4006381333931'), { nil: undefined }),
      mpn: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
      color: fc.option(text(150), { nil: undefined }),
      gender: fc.option(fc.constantFrom('male', 'Women', 'robot'), { nil: undefined }),
      custom_label_0: fc.option(text(150), { nil: undefined }),
      google_product_category: fc.option(fc.constantFrom('212', 'Apparel & Accessories', 'nonsense'), { nil: undefined }),
      shipping: fc.array(fc.record({ country: fc.constant('US'), price: fc.option(money, { nil: undefined }) }), { maxLength: 3 }),
      extra: fc.constant({} as Record<string, string>),
    },
    { requiredKeys: ['id', 'title', 'additional_image_link', 'shipping', 'extra'] },
  )
  .map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as Product);

describe.each([google, microsoft, meta, snapchat])('$id with arbitrary products (property)', (channel) => {
  it('never throws, stays within every limit, explains every exclusion and writes re-readable feeds', () => {
    const limits = channel.attributes.filter((a) => a.limit !== undefined);
    fc.assert(
      fc.property(fc.array(productArb, { minLength: 1, maxLength: 5 }), (products) => {
        const items = products.map((product, i) => ({ product, row: i + 2 }));
        for (const format of channel.formats) {
          const t = target({ format: format.id });
          let written = 0;
          for (const { product, row } of items) {
            const r = channel.map(product, { feed: t, row, now: NOW });
            if (!r.record) expect(r.issues.some((i) => i.severity === 'error' && i.id === product.id && i.row === row)).toBe(true);
            for (const record of r.record ? [r.record].flat() : []) {
              written++;
              for (const a of limits) {
                const v = record[a.name];
                for (const s of v === undefined ? [] : [v].flat()) if (typeof s === 'string') expect(s.length).toBeLessThanOrEqual(a.limit!);
              }
            }
          }
          const { text: out } = renderFeed(channel, format.id, t, items, { now: NOW, header: { title: 't', link: 'l', description: 'd' } });
          if (format.serializer === 'rss') expect(parseRss(out).items).toHaveLength(written);
          else expect(parseTabular(out, format.serializer as 'csv' | 'tsv')).toHaveLength(written + 1);
        }
      }),
      { numRuns: 60 },
    );
  });
});
