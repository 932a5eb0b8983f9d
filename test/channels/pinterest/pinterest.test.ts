import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import pinterest from '../../../src/channels/pinterest/index.js';
import { feedColumns, renderFeed } from '../../../src/channels/render-feed.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { flattenValue } from '../../../src/serializers/tabular-cell.js';
import { parseRss } from '../../serializers/read-feed.js';
import { compilePinterestItemValidator, pinterestItemSchema } from './pinterest-item-schema.js';
import { sampleContext, sampleProduct } from '../sample-product.js';

const validate = compilePinterestItemValidator();
const spec = pinterestItemSchema();

const mapOne = (product: Product, feed: Partial<FeedTarget> = {}) => pinterest.map(product, sampleContext({ format: 'csv', ...feed }));
const recordOf = (product: Product, feed: Partial<FeedTarget> = {}): FeedRecord => {
  const result = mapOne(product, feed);
  expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return result.record as FeedRecord;
};

/** The feed file for `products`, as the pipeline writes it. */
function render(format: string, products: Product[]): string {
  const feed: FeedTarget = { id: 'pinterest-us', format, options: {} };
  const items = products.map((product, i) => ({ product, row: i + 2 }));
  const header = { title: 'Shop', link: 'https://shop.example.com', description: 'All products' };
  return renderFeed(pinterest, format, feed, items, { now: new Date('2026-11-25T08:00:00Z'), header }).text;
}

/** A CSV row as the items API would carry it: empty cells absent, additional images a list. */
function apiItem(row: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === '') continue;
    item[k] = k === 'additional_image_link' ? v.split(',') : v;
  }
  return item;
}

const variety: Product[] = [
  sampleProduct(),
  sampleProduct({ id: 'TSHIRT-BLUE-L', color: 'Blue', size: 'L', availability: 'out_of_stock', sale_price: undefined, sale_price_effective_date: undefined }),
  sampleProduct({ id: 'MUG-1', item_group_id: undefined, availability: 'backorder', condition: 'refurbished', gender: 'women', age_group: 'kids', shipping: [] }),
  sampleProduct({ id: 'BOOK-1', availability: 'preorder', condition: 'used', gtin: undefined, additional_image_link: [], google_product_category: 'Media > Books' }),
];

describe('pinterest channel', () => {
  it('uses the limits stated in the Pinterest OpenAPI item attributes', () => {
    for (const attr of pinterest.attributes) {
      if (attr.limit !== undefined && spec.limits[attr.name] !== undefined) expect([attr.name, attr.limit]).toEqual([attr.name, spec.limits[attr.name]]);
    }
    expect(spec.limits).toMatchObject({ id: 127, title: 500, description: 10000, link: 511 });
    const limited = Object.fromEntries(pinterest.attributes.filter((a) => a.limit).map((a) => [a.name, a.limit]));
    expect(limited).toMatchObject({ id: 127, title: 500, description: 10000, link: 511 });
  });

  it('writes only field names and enum values the Pinterest item schema accepts (CSV re-read)', () => {
    const csv = render('csv', variety);
    const rows: Record<string, string>[] = parse(csv, { columns: true });
    expect(rows).toHaveLength(variety.length);
    for (const row of rows) {
      const item = apiItem(row);
      const ok = validate(item);
      expect(validate.errors ?? [], JSON.stringify(item)).toEqual([]);
      expect(ok).toBe(true);
    }
    expect(rows.map((r) => r.availability)).toEqual(['in stock', 'out of stock', 'preorder', 'preorder']);
    expect(rows.map((r) => r.condition)).toEqual(['new', 'new', 'refurbished', 'used']);
    expect(rows[2]!.gender).toBe('female');
  });

  it('re-reads every CSV and TSV field as it was mapped', () => {
    const records = variety.map((p) => recordOf(p));
    for (const [format, delimiter] of [['csv', ','], ['tsv', '\t']] as const) {
      const rows: Record<string, string>[] = parse(render(format, variety), { columns: true, delimiter, quote: format === 'csv' ? '"' : false });
      rows.forEach((row, i) => {
        for (const column of feedColumns(pinterest, { id: 'x', format, options: {} })) {
          const expected = flattenValue(records[i]![column]);
          expect([column, row[column]]).toEqual([column, format === 'tsv' ? expected.replace(/\r\n|[\t\r\n]/g, ' ') : expected]);
        }
      });
    }
  });

  it('writes RSS that a strict XML parser accepts, with g: fields and shipping sub-elements', () => {
    const xml = render('xml', variety);
    const parser = new SaxesParser({ xmlns: true });
    const names: string[] = [];
    parser.on('opentag', (t) => names.push(t.name));
    parser.write(xml).close();
    expect(names.filter((n) => n === 'item')).toHaveLength(variety.length);
    expect(names).toContain('g:availability');
    expect(names).toContain('g:shipping');
    expect(names).toContain('g:country');
    expect(xml).toContain('<g:price>25.00 USD</g:price>');
  });

  it('writes XML items the Pinterest item schema accepts', () => {
    const { items } = parseRss(render('xml', variety));
    expect(items).toHaveLength(variety.length);
    for (const parsed of items) {
      const item: Record<string, unknown> = {};
      for (const [name, values] of Object.entries(parsed)) {
        const texts = values.map((v) => (typeof v === 'string' ? v : [v.country, v.region ?? v.postal_code ?? '', v.service, v.price].join(':')));
        item[name] = name === 'additional_image_link' ? texts : texts.join(',');
      }
      expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('maps prices, plain-text descriptions and variants', () => {
    const r = recordOf(sampleProduct());
    expect(r.price).toBe('25.00 USD');
    expect(r.sale_price).toBe('19.99 USD');
    expect(r.item_group_id).toBe('TSHIRT');
    expect(r.description).toBe('Soft organic cotton.\n\nMade in Portugal & dyed without chlorine.');
    expect(r.google_product_category).toBe('Apparel & Accessories > Clothing > Shirts & Tops');
    expect(flattenValue(r.shipping)).toBe('US::Standard:4.95 USD');
  });

  it('uses a price column of the feed currency, and excludes items without one', () => {
    expect(recordOf(sampleProduct(), { currency: 'EUR' }).price).toBe('23.50 EUR');
    const result = mapOne(sampleProduct({ extra: {} }), { currency: 'EUR' });
    expect(result.record).toBeUndefined();
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: 'error', code: 'pinterest.currency.mismatch', feed: 'test-feed', id: 'TSHIRT-RED-M', row: 2, field: 'price' }));
  });

  it('truncates long text at a word boundary with a warning', () => {
    const title = 'Organic cotton t-shirt '.repeat(30);
    const result = mapOne(sampleProduct({ title, description: 'word '.repeat(2500) }));
    const record = result.record as FeedRecord;
    expect((record.title as string).length).toBeLessThanOrEqual(500);
    expect(title.startsWith(record.title as string)).toBe(true);
    expect((record.description as string).length).toBeLessThanOrEqual(10000);
    expect(result.issues.map((i) => [i.severity, i.code])).toEqual(
      expect.arrayContaining([
        ['warning', 'pinterest.title.too_long'],
        ['warning', 'pinterest.description.too_long'],
      ]),
    );
    expect(validate(apiItem(Object.fromEntries(Object.entries(record).map(([k, v]) => [k, flattenValue(v)]))))).toBe(true);
  });

  it('excludes items whose id or link is too long, or that lack a required field', () => {
    const cases: Array<[Partial<Product>, string, string]> = [
      [{ id: 'x'.repeat(128) }, 'pinterest.id.too_long', 'id'],
      [{ link: `https://shop.example.com/${'a'.repeat(500)}` }, 'pinterest.link.too_long', 'link'],
      [{ description: undefined }, 'pinterest.description.missing', 'description'],
      [{ image_link: undefined }, 'pinterest.image_link.missing', 'image_link'],
      [{ availability: undefined }, 'pinterest.availability.missing', 'availability'],
      [{ price: undefined, sale_price: undefined }, 'pinterest.price.missing', 'price'],
    ];
    for (const [overrides, code, field] of cases) {
      const result = mapOne(sampleProduct(overrides));
      expect(result.record, code).toBeUndefined();
      const errors = result.issues.filter((i) => i.severity === 'error');
      expect(errors.map((e) => e.code), code).toEqual([code]);
      expect(errors[0]).toMatchObject({ feed: 'test-feed', row: 2, field });
      expect(errors[0]!.message.length).toBeGreaterThan(10);
    }
  });

  it('drops invalid optional enums and too many images with warnings', () => {
    const images = Array.from({ length: 12 }, (_, i) => `https://shop.example.com/img/${i}.jpg`);
    const result = mapOne(sampleProduct({ gender: 'robot', additional_image_link: images }));
    const record = result.record as FeedRecord;
    expect(record.gender).toBeUndefined();
    expect(record.additional_image_link).toHaveLength(10);
    expect(result.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['pinterest.gender.invalid', 'pinterest.additional_image_link.too_many']));
  });

  it('the schema rejects what Pinterest would reject (negative cases)', () => {
    const good = apiItem(Object.fromEntries(Object.entries(recordOf(sampleProduct())).map(([k, v]) => [k, flattenValue(v)])));
    expect(validate(good)).toBe(true);
    const bad: Array<[string, Record<string, unknown>]> = [
      ['Google spelling of availability', { ...good, availability: 'in_stock' }],
      ['backorder', { ...good, availability: 'backorder' }],
      ['unknown condition', { ...good, condition: 'mint' }],
      ['unknown field', { ...good, sku_id: 'X' }],
      ['title over 500', { ...good, title: 'x'.repeat(501) }],
      ['id over 127', { ...good, id: 'x'.repeat(128) }],
      ['additional images as one string', { ...good, additional_image_link: 'https://a/1.jpg' }],
      ['gender outside the enum', { ...good, gender: 'men' }],
    ];
    for (const [why, item] of bad) expect(validate(item), why).toBe(false);
  });
});
