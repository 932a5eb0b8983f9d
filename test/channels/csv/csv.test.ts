import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import csv from '../../../src/channels/csv/index.js';
import { genericOptionsSchema } from '../../../src/channels/generic/column-options.js';
import { feedColumns, renderFeed } from '../../../src/channels/render-feed.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { sampleProduct } from '../sample-product.js';

const COLUMNS = [
  { name: 'sku', field: 'id', required: true },
  { name: 'name', field: 'title', limit: 16 },
  { name: 'price', field: 'price' },
  { name: 'amount', field: 'sale_price', format: 'amount' },
  { name: 'currency', field: 'price', format: 'currency' },
  { name: 'images', field: 'additional_image_link', join: '|' },
  { name: 'shipping', field: 'shipping' },
  { name: 'supplier', field: 'extra.Supplier Code' },
  { name: 'ean', field: 'gtin', required: true },
  { name: 'source', value: 'shelfcast' },
];
const target = (extra: Partial<FeedTarget> = {}, columns: unknown[] = COLUMNS): FeedTarget => ({
  id: 'partner-csv',
  format: 'csv',
  options: genericOptionsSchema.parse({ columns }),
  ...extra,
});
const mapOne = (p: Product, feed = target()) => csv.map(p, { feed, row: 3, now: new Date(0) });

describe('generic csv channel', () => {
  it('writes the declared columns in order, money as `15.00 USD` or split, lists joined', () => {
    expect(feedColumns(csv, target())).toEqual(COLUMNS.map((c) => c.name));
    const result = mapOne(sampleProduct());
    expect(result.record).toEqual({
      sku: 'TSHIRT-RED-M',
      name: 'Organic Cotton',
      price: '25.00 USD',
      amount: '19.99',
      currency: 'USD',
      images: 'https://shop.example.com/img/tshirt-red-back.jpg|https://shop.example.com/img/tshirt-red-side.jpg',
      shipping: 'US::Standard:4.95 USD',
      supplier: 'SUP-77',
      ean: '4006381333931',
      source: 'shelfcast',
    });
    expect(result.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'csv.name.too_long', field: 'name' })]);
  });

  it('renders CSV and TSV that re-read as mapped', () => {
    const products = [sampleProduct(), sampleProduct({ id: 'B,2', title: 'Quote "me"', gtin: '0012345678905', extra: {} })];
    for (const [format, delimiter] of [['csv', ','], ['tsv', '\t']] as const) {
      const feed = target({ format });
      const { text } = renderFeed(csv, format, feed, products.map((product, i) => ({ product, row: i + 2 })), { now: new Date(0), header: { title: '', link: '', description: '' } });
      const rows: Record<string, string>[] = parse(text, { columns: true, delimiter, quote: format === 'csv' ? '"' : false });
      expect(rows.map((r) => r.sku)).toEqual(['TSHIRT-RED-M', 'B,2']);
      rows.forEach((row, i) => expect(row).toEqual(mapOne(products[i]!, feed).record));
    }
  });

  it('excludes an item whose required column is empty', () => {
    const result = mapOne(sampleProduct({ gtin: undefined }));
    expect(result.record).toBeUndefined();
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ severity: 'error', code: 'csv.ean.missing', feed: 'partner-csv', id: 'TSHIRT-RED-M', row: 3, field: 'gtin' }),
    ]);
    const spaced = mapOne(sampleProduct({ description: undefined }), target({}, [{ name: 'Long Description (EN)', field: 'description', required: true }]));
    expect(spaced.issues.map((i) => i.code)).toEqual(['csv.long_description_en.missing']);
  });

  it('follows the feed currency for money columns, and ignores it without them', () => {
    expect((mapOne(sampleProduct(), target({ currency: 'EUR' })).record as FeedRecord).price).toBe('23.50 EUR');
    const excluded = mapOne(sampleProduct({ extra: {} }), target({ currency: 'EUR' }));
    expect(excluded.issues.map((i) => i.code)).toEqual(['csv.currency.mismatch']);
    const noMoney = target({ currency: 'EUR' }, [{ name: 'sku', field: 'id' }]);
    expect(mapOne(sampleProduct({ extra: {} }), noMoney).record).toEqual({ sku: 'TSHIRT-RED-M' });
  });

  it('rejects unknown fields with a did-you-mean hint, and malformed columns', () => {
    const err = genericOptionsSchema.safeParse({ columns: [{ name: 'p', field: 'prcie' }] });
    expect(err.success).toBe(false);
    expect(err.error!.issues[0]).toMatchObject({ path: ['columns', 0, 'field'] });
    expect(err.error!.issues[0]!.message).toContain('did you mean "price"?');
    expect(genericOptionsSchema.safeParse({ columns: [{ name: 'x' }] }).success).toBe(false);
    expect(genericOptionsSchema.safeParse({ columns: [{ name: 'x', field: 'id', value: 'y' }] }).success).toBe(false);
    expect(genericOptionsSchema.safeParse({ columns: [{ name: 'x', field: 'id' }, { name: 'x', field: 'title' }] }).success).toBe(false);
    expect(genericOptionsSchema.safeParse({ columns: [] }).success).toBe(false);
    expect(genericOptionsSchema.safeParse({ columns: [{ name: 'x', field: 'extra.' }] }).success).toBe(false);
  });
});
