import { describe, expect, it } from 'vitest';
import { feedConfigSchema, type FeedConfig } from '../../src/config/feed-schema.js';
import { ShelfcastError } from '../../src/issues/issue.js';
import { compileRules } from '../../src/rules/engine.js';
import { expandMatrix } from '../../src/rules/expand-matrix.js';
import { BASE_DIR, product } from './product-fixture.js';

const feed = (yaml: Record<string, unknown>): FeedConfig => feedConfigSchema.parse({ channel: 'google', ...yaml });

const MATRIX = {
  rules: [{ set: { field: 'custom_label_0', value: 'all' } }],
  matrix: [
    { country: 'US', language: 'en', currency: 'USD' },
    { country: 'DE', language: 'de', currency: 'EUR', price: 'extra.price_eur', sale_price: 'extra.sale_price_eur' },
    { country: 'CH', language: 'de', currency: 'CHF', id: 'google-swiss', file: 'swiss.xml', options: { x: 1 }, rules: [{ case: { field: 'title', to: 'upper' } }] },
  ],
  rates: [{ from: 'EUR', to: 'CHF', rate: '0.9412' }],
};

/** Applies an expanded feed's rules to a product. */
const applyFeed = (config: FeedConfig, over = {}) =>
  compileRules(config.rules, 'feeds/google.yaml', { baseDir: BASE_DIR }).apply(product(over), { feed: config.id!, row: 2, language: config.language });

describe('expandMatrix', () => {
  it('writes one feed per target, with its id, country, language and currency', () => {
    const out = expandMatrix(feed(MATRIX), 'google', 'feeds/google.yaml');
    expect(out.map((o) => [o.id, o.config.id, o.config.country, o.config.language, o.config.currency, o.config.file])).toEqual([
      ['google-us', 'google-us', 'US', 'en', 'USD', undefined],
      ['google-de', 'google-de', 'DE', 'de', 'EUR', undefined],
      ['google-swiss', 'google-swiss', 'CH', 'de', 'CHF', 'swiss.xml'],
    ]);
    for (const o of out) expect([o.config.matrix, o.config.rates, o.config.categories]).toEqual([undefined, undefined, undefined]);
    expect(out[2]!.config.options).toEqual({ x: 1 });
  });

  it('takes each target price from its own column and drops the other price list sale price', () => {
    const [us, de] = expandMatrix(feed(MATRIX), 'google', 'feeds/google.yaml');
    const p = { sale_price: { amount: 1500, currency: 'USD' }, extra: { price_eur: '18.90', sale_price_eur: '' } };
    expect(applyFeed(us!.config, p).product).toMatchObject({ price: { amount: 1999, currency: 'USD' }, sale_price: { amount: 1500, currency: 'USD' }, custom_label_0: 'all' });
    const r = applyFeed(de!.config, p);
    expect(r.product?.price).toEqual({ amount: 1890, currency: 'EUR' });
    expect(r.product?.sale_price).toBeUndefined();
    expect(applyFeed(de!.config, { extra: { price_eur: '18.90', sale_price_eur: '15.00' } }).product?.sale_price).toEqual({ amount: 1500, currency: 'EUR' });
  });

  it('excludes an item without a price in the target column, saying why', () => {
    const [, de] = expandMatrix(feed(MATRIX), 'google', 'feeds/google.yaml');
    const r = applyFeed(de!.config, { extra: {} });
    expect(r.product).toBeUndefined();
    expect(r.excludedBy?.rule).toBe('matrix DE-de: no EUR price in extra.price_eur');
  });

  it('converts only with an explicit rate, and only from that currency', () => {
    const ch = expandMatrix(feed(MATRIX), 'google', 'feeds/google.yaml')[2]!;
    expect(applyFeed(ch.config, { price: { amount: 1999, currency: 'EUR' } }).product).toMatchObject({ price: { amount: 1881, currency: 'CHF' }, title: 'LINEN SHIRT' });
    // A USD price is left as it is (the feed's currency check then excludes it): never a silent conversion.
    expect(applyFeed(ch.config).product?.price).toEqual({ amount: 1999, currency: 'USD' });
    const noRates = expandMatrix(feed({ ...MATRIX, rates: undefined }), 'google', 'feeds/google.yaml')[2]!;
    expect(applyFeed(noRates.config, { price: { amount: 1999, currency: 'EUR' } }).product?.price).toEqual({ amount: 1999, currency: 'EUR' });
  });

  it('returns a feed without matrix as itself, with categories: as its first rule', () => {
    const out = expandMatrix(feed({ categories: { file: 'categories/google.csv' }, rules: [{ set: { field: 'google_product_category', value: '187' }, if: { field: 'brand', equals: 'Shoeco' } }] }), 'google-us', 'feeds/google-us.yaml');
    expect(out).toHaveLength(1);
    expect(out[0]!.id).toBe('google-us');
    expect(out[0]!.config.rules.map((r) => Object.keys(r).filter((k) => k !== 'name' && k !== 'if'))).toEqual([['categories'], ['set']]);
    expect(applyFeed(out[0]!.config).product?.google_product_category).toBe('212');
    expect(applyFeed(out[0]!.config, { brand: 'Shoeco' }).product?.google_product_category).toBe('187');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['duplicate ids', { matrix: [{ country: 'CH', language: 'de', currency: 'CHF' }, { country: 'CH', language: 'fr', currency: 'CHF' }] }, 'feeds/google.yaml: matrix[1].id: feed id "google-ch" is also produced by matrix[0] (give one of them id:)'],
    ['one file for several targets', { file: 'google.xml', matrix: [{ country: 'US', currency: 'USD' }] }, 'feeds/google.yaml: file: a feed with matrix: writes one file per target'],
  ])('refuses %s', (_name, yaml, message) => {
    expect(() => expandMatrix(feed(yaml), 'google', 'feeds/google.yaml')).toThrow(ShelfcastError);
    expect(() => expandMatrix(feed(yaml), 'google', 'feeds/google.yaml')).toThrow(message);
  });

  it('validates matrix entries with dot paths', () => {
    const r = feedConfigSchema.safeParse({ channel: 'google', matrix: [{ country: 'us', currency: 'USD', price: 'extra' }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['matrix.0.country', '"us" is not an ISO 3166-1 alpha-2 country code; did you mean US? (write US)'],
      ['matrix.0.price', '"extra" needs a column name, such as extra.cost'],
    ]);
  });
});
