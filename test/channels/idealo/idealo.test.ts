import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import idealo from '../../../src/channels/idealo/index.js';
import { saleActive } from '../../../src/channels/common/index.js';
import { idealoOptions } from '../../../src/channels/idealo/idealo-options.js';
import { feedColumns, renderFeed } from '../../../src/channels/render-feed.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { flattenValue } from '../../../src/serializers/tabular-cell.js';
import { sampleProduct } from '../sample-product.js';

const NOW = new Date('2026-11-25T08:00:00Z');
const OPTIONS = { deliveryTime: '1-3 Werktage', deliveryTimePreorder: '2-3 Wochen', deliveryCosts: { dhl: 4.95, dpd: '5.9' }, paymentCosts: { paypal: 0 } };

const target = (options: Record<string, unknown> = OPTIONS, extra: Partial<FeedTarget> = {}): FeedTarget => ({
  id: 'idealo-de',
  format: 'csv',
  options: idealoOptions.parse(options),
  ...extra,
});
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const product = (overrides: Partial<Product> = {}) =>
  sampleProduct({ price: eur(2500), sale_price: eur(1999), shipping: [], ...overrides });
const mapOne = (p: Product, feed: FeedTarget = target(), now = NOW) => idealo.map(p, { feed, row: 7, now });

describe('idealo channel', () => {
  it('writes idealo columns, with one deliveryCosts_/paymentCosts_ column per configured method', () => {
    expect(feedColumns(idealo, target())).toEqual([
      'sku', 'brand', 'title', 'categoryPath', 'url', 'hans', 'eans', 'description', 'price', 'formerPrice', 'deliveryTime',
      'deliveryCosts_dhl', 'deliveryCosts_dpd', 'paymentCosts_paypal', 'imageUrls', 'colour', 'size', 'gender', 'material',
    ]);
  });

  it('renders a CSV that re-reads field by field, decimals with a point', () => {
    const products = [product(), product({ id: 'MUG-1', availability: 'preorder', condition: 'used', sale_price: undefined, sale_price_effective_date: undefined })];
    const feed = target();
    const { text, issues } = renderFeed(idealo, 'csv', feed, products.map((p, i) => ({ product: p, row: i + 2 })), { now: NOW, header: { title: '', link: '', description: '' } });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows).toHaveLength(2);
    rows.forEach((row, i) => {
      const record = mapOne(products[i]!, feed).record as FeedRecord;
      for (const column of feedColumns(idealo, feed)) expect([column, row[column]]).toEqual([column, flattenValue(record[column])]);
    });
    expect(rows[0]).toMatchObject({
      sku: 'TSHIRT-RED-M',
      price: '19.99',
      formerPrice: '25.00',
      deliveryTime: '1-3 Werktage',
      deliveryCosts_dhl: '4.95',
      deliveryCosts_dpd: '5.90',
      paymentCosts_paypal: '0.00',
      eans: '4006381333931',
      hans: 'NW-TS-01',
      categoryPath: 'Apparel > Shirts',
      imageUrls: 'https://shop.example.com/img/tshirt-red.jpg;https://shop.example.com/img/tshirt-red-back.jpg;https://shop.example.com/img/tshirt-red-side.jpg',
      description: 'Soft organic cotton.\n\nMade in Portugal & dyed without chlorine.',
    });
    expect(rows[1]).toMatchObject({ title: 'Organic Cotton T-Shirt - Red / M (gebraucht)', price: '25.00', formerPrice: '', deliveryTime: '2-3 Wochen' });
  });

  it('writes one offer per variant with a distinct title, since idealo has no item groups', () => {
    const records = mapOne(product({ id: 'TEE', item_group_id: undefined, color: 'Red|Blue', size: '38|40' })).record as FeedRecord[];
    expect(records.map((r) => [r.sku, r.title, r.colour, r.size])).toEqual([
      ['TEE-red-38', 'Organic Cotton T-Shirt - Red / 38', 'Red', '38'],
      ['TEE-red-40', 'Organic Cotton T-Shirt - Red / 40', 'Red', '40'],
      ['TEE-blue-38', 'Organic Cotton T-Shirt - Blue / 38', 'Blue', '38'],
      ['TEE-blue-40', 'Organic Cotton T-Shirt - Blue / 40', 'Blue', '40'],
    ]);
    expect((mapOne(product({ item_group_id: undefined, color: undefined, size: undefined })).record as FeedRecord).title).toBe('Organic Cotton T-Shirt');
  });

  it('applies a sale only while its effective dates run (clock injected)', () => {
    const p = product({ sale_price_effective_date: '2026-12-01T00:00:00Z/2026-12-31T00:00:00Z' });
    expect((mapOne(p).record as FeedRecord).price).toBe('25.00');
    expect((mapOne(p, target(), new Date('2026-12-05T00:00:00Z')).record as FeedRecord)).toMatchObject({ price: '19.99', formerPrice: '25.00' });
    expect(saleActive('2026-11-01/2026-11-30', NOW)).toBe(true);
    expect(saleActive('2026-11-01/2026-11-20', NOW)).toBe(false);
  });

  it("takes the product's own rate for a method, and free delivery past the threshold", () => {
    const own = product({ shipping: [{ country: 'DE', service: 'DHL', price: eur(299) }] });
    expect((mapOne(own, target(OPTIONS, { country: 'DE' })).record as FeedRecord)).toMatchObject({ deliveryCosts_dhl: '2.99', deliveryCosts_dpd: '5.90' });
    const free = target({ ...OPTIONS, freeDeliveryFrom: '19.99' });
    expect((mapOne(product(), free).record as FeedRecord)).toMatchObject({ deliveryCosts_dhl: '0.00', deliveryCosts_dpd: '0.00' });
    expect((mapOne(product({ sale_price: eur(1500) }), free).record as FeedRecord).deliveryCosts_dhl).toBe('4.95');
  });

  it('excludes out-of-stock items and items without a required field, with feed, id, row and field', () => {
    const cases: Array<[Partial<Product>, string]> = [
      [{ availability: 'out_of_stock' }, 'idealo.availability.out_of_stock'],
      [{ link: undefined }, 'idealo.url.missing'],
      [{ price: undefined, sale_price: undefined }, 'idealo.price.missing'],
    ];
    for (const [overrides, code] of cases) {
      const result = mapOne(product(overrides));
      expect(result.record, code).toBeUndefined();
      expect(result.issues.filter((i) => i.severity === 'error')).toEqual([expect.objectContaining({ code, feed: 'idealo-de', id: 'TSHIRT-RED-M', row: 7 })]);
    }
    const foreign = mapOne(product({ price: { amount: 2500, currency: 'USD' }, sale_price: undefined, extra: {} }), target(OPTIONS, { currency: 'EUR' }));
    expect(foreign.issues.map((i) => i.code)).toEqual(['idealo.currency.mismatch']);
  });

  it('cuts descriptions over 1,000 characters at a word boundary with a warning', () => {
    const result = mapOne(product({ description: 'lorem ipsum '.repeat(200) }));
    const description = (result.record as FeedRecord).description as string;
    expect(description.length).toBeLessThanOrEqual(1000);
    expect(description.endsWith('lorem') || description.endsWith('ipsum')).toBe(true);
    expect(result.issues).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'idealo.description.too_long' }));
  });

  it('validates its options at config load', () => {
    expect(() => idealoOptions.parse({ deliveryCosts: { dhl: 4.95 } })).toThrow(/deliveryTime/);
    expect(() => idealoOptions.parse({ deliveryTime: 'x', deliveryCosts: {} })).toThrow(/at least one delivery method/);
    expect(() => idealoOptions.parse({ deliveryTime: 'x', deliveryCosts: { dhl: '4,95' } })).toThrow(/amount/);
    expect(() => idealoOptions.parse({ deliveryTime: 'x', deliveryCosts: { DHL: 1 } })).toThrow(/lower-case/);
    expect(idealoOptions.parse(OPTIONS).conditionLabels).toEqual({ used: 'gebraucht', refurbished: 'generalüberholt' });
  });
});
