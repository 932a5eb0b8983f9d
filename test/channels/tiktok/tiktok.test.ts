import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import tiktok, { hasEmoji, tiktokOptions } from '../../../src/channels/tiktok/index.js';
import { feedColumns, renderFeed } from '../../../src/channels/render-feed.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { flattenValue } from '../../../src/serializers/tabular-cell.js';
import { sampleContext, sampleProduct } from '../sample-product.js';

const SPECS = path.resolve(process.cwd(), '../shared/specs/tiktok');
/** TikTok's documented values (Catalog Product Parameters). */
const AVAILABILITY = ['in stock', 'available for order', 'preorder', 'out of stock', 'discontinued'];
const CONDITION = ['new', 'refurbished', 'used'];
const NINE = ['sku_id', 'title', 'description', 'availability', 'condition', 'price', 'link', 'image_link', 'brand'];

/** The currencies a TikTok catalog may use: the CatalogCurrency enum of catalog_create.yml. */
function catalogCurrencies(): string[] {
  const doc = parseYaml(readFileSync(path.join(SPECS, 'catalog_create.yml'), 'utf8'));
  const found: string[] = [];
  const walk = (node: any): void => {
    if (!node || typeof node !== 'object') return;
    if (node['x-open-enum']?.enum_package_name === 'CatalogCurrency') found.push(...node['x-open-enum'].enums.map((e: { key: string }) => e.key));
    for (const v of Object.values(node)) walk(v);
  };
  walk(doc);
  return found;
}

const target = (options: Record<string, unknown> = {}, extra: Partial<FeedTarget> = {}): FeedTarget => ({
  id: 'tiktok-us',
  format: 'csv',
  options: tiktokOptions.parse(options),
  ...extra,
});
const mapOne = (product: Product, feed: Partial<FeedTarget> = {}) =>
  tiktok.map(product, { ...sampleContext({ format: 'csv' }), feed: { ...target(), ...feed } });

const variety: Product[] = [
  sampleProduct(),
  sampleProduct({ id: 'TSHIRT-BLUE-L', color: 'Blue', availability: 'backorder', condition: undefined, title: 'Summer 🔥 T-Shirt™' }),
  sampleProduct({ id: 'MUG-1', item_group_id: undefined, availability: 'out_of_stock', condition: 'used', price: { amount: 1200, currency: 'EUR' }, sale_price: undefined }),
  sampleProduct({ id: 'BOOK-1', availability: 'preorder', additional_image_link: [] }),
];

describe('tiktok channel', () => {
  it('writes a CSV with the nine required columns that re-reads field by field', () => {
    const feed = target();
    const items = variety.map((product, i) => ({ product, row: i + 2 }));
    const { text, issues } = renderFeed(tiktok, 'csv', feed, items, { now: new Date(0), header: { title: '', link: '', description: '' } });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const [header, ...rest]: string[][] = parse(text);
    expect(header!.slice(0, 9)).toEqual(NINE);
    expect(header).toEqual(feedColumns(tiktok, feed));
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rest).toHaveLength(variety.length);
    rows.forEach((row, i) => {
      const record = tiktok.map(variety[i]!, { feed, row: i + 2, now: new Date(0) }).record as FeedRecord;
      for (const column of header!) expect([column, row[column]]).toEqual([column, flattenValue(record[column])]);
      for (const column of NINE) expect(row[column], column).not.toBe('');
      expect(AVAILABILITY).toContain(row.availability);
      expect(CONDITION).toContain(row.condition);
    });
    expect(rows.map((r) => r.availability)).toEqual(['in stock', 'available for order', 'out of stock', 'preorder']);
  });

  it('writes prices as amount and a currency TikTok catalogs support', () => {
    const currencies = catalogCurrencies();
    expect(currencies.length).toBeGreaterThan(20);
    for (const product of variety) {
      const price = (mapOne(product).record as FeedRecord).price as string;
      const m = /^(\d+\.\d{2}) ([A-Z]{3})$/.exec(price);
      expect(m, price).not.toBeNull();
      expect(currencies).toContain(m![2]);
    }
  });

  it('cleans titles and descriptions, and fills condition from the feed option', () => {
    const result = mapOne(sampleProduct({ title: 'Summer 🔥 T-Shirt™ 👍🏽', condition: undefined }), { options: tiktokOptions.parse({ defaultCondition: 'refurbished' }) });
    const record = result.record as FeedRecord;
    expect(record.title).toBe('Summer T-Shirt™');
    expect(record.condition).toBe('refurbished');
    expect(record.description).toBe('Soft organic cotton.\n\nMade in Portugal & dyed without chlorine.');
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'tiktok.title.emoji', field: 'title', id: 'TSHIRT-RED-M' }));
    expect((mapOne(sampleProduct({ condition: undefined })).record as FeedRecord).condition).toBe('new');
    const branded = mapOne(sampleProduct({ brand: undefined }), { options: tiktokOptions.parse({ defaultBrand: 'Northwind Basics' }) });
    expect((branded.record as FeedRecord).brand).toBe('Northwind Basics');
  });

  it('excludes items missing a required field, naming feed, id, row and field', () => {
    const cases: Array<[Partial<Product>, string]> = [
      [{ brand: undefined }, 'tiktok.brand.missing'],
      [{ description: undefined }, 'tiktok.description.missing'],
      [{ link: undefined }, 'tiktok.link.missing'],
      [{ image_link: undefined }, 'tiktok.image_link.missing'],
      [{ availability: undefined }, 'tiktok.availability.missing'],
      [{ price: undefined, sale_price: undefined }, 'tiktok.price.missing'],
    ];
    for (const [overrides, code] of cases) {
      const result = mapOne(sampleProduct(overrides));
      expect(result.record, code).toBeUndefined();
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([
        expect.objectContaining({ code, feed: 'tiktok-us', id: 'TSHIRT-RED-M', row: 2, field: code.split('.')[1] }),
      ]);
    }
  });

  it('excludes items in another currency unless a price column for the feed currency exists', () => {
    expect((mapOne(sampleProduct(), { currency: 'EUR' }).record as FeedRecord).price).toBe('23.50 EUR');
    const result = mapOne(sampleProduct({ extra: {} }), { currency: 'EUR' });
    expect(result.record).toBeUndefined();
    expect(result.issues.map((i) => i.code)).toEqual(['tiktok.currency.mismatch']);
  });

  it('rejects unknown option values at config load', () => {
    expect(() => tiktokOptions.parse({ defaultCondition: 'mint' })).toThrow();
    expect(() => tiktokOptions.parse({ defaultConditon: 'new' })).toThrow();
  });
});

describe('hasEmoji', () => {
  it('screens no emoji out: the same answer as the emoji regex for every code point, alone and before U+FE0F', () => {
    const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\u{FE0F}|[\u{FE0F}\u{200D}]/u;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (hasEmoji(`a${c}b`) !== EMOJI.test(`a${c}b`) || hasEmoji(`${c}\ufe0f`) !== EMOJI.test(`${c}\ufe0f`)) expect.fail(`U+${cp.toString(16)}`);
    }
  });
});
