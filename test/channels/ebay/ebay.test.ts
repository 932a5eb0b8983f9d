import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { feedConfigSchema } from '../../../src/config/feed-schema.js';
import ebay from '../../../src/channels/ebay/index.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { createEbayInventorySerializer } from '../../../src/channels/ebay/ebay-inventory.js';
import { documentWriter } from '../../../src/serializers/serializer.js';
import { ebayValidator } from '../../servers/ebay-specs.js';
import { sampleContext, sampleProduct } from '../sample-product.js';

const options = ebay.options!.parse(JSON.parse(await readFile(path.resolve('fixtures/channels/options/ebay.json'), 'utf8')));
const validate = ebayValidator();
const header = { title: 'Shop', link: 'https://shop.example.com', description: 'All' };
const target = (extra: Partial<FeedTarget> = {}): FeedTarget => ({ id: 'ebay-us', format: 'json', options, ...extra });
const mapOne = (p: Product, extra: Partial<FeedTarget> = {}, row = 2) => ebay.map(p, { ...sampleContext({ format: 'json' }, row), feed: target(extra) });

function render(products: Product[], extra: Partial<FeedTarget> = {}) {
  const s = documentWriter(createEbayInventorySerializer({ format: ebay.formats[0]!, columns: [], header, options }));
  let text = s.header();
  products.forEach((p, i) => {
    const r = mapOne(p, extra, i + 2);
    if (r.record) text += s.item(r.record as FeedRecord);
  });
  return JSON.parse(text + s.footer());
}

describe('ebay channel', () => {
  it('builds inventory items and offers that eBay\'s schemas accept', () => {
    const doc = render([sampleProduct(), sampleProduct({ id: 'MUG-1', gtin: '012345678905', condition: 'used', product_type: 'Home > Kitchen > Mugs', extra: { 'aspect:Capacity': '350 ml' } })]);
    expect(doc).toMatchObject({ format: 'shelfcast.ebay-inventory', version: 1, marketplaceId: 'EBAY_US', locale: 'en_US' });
    expect(validate('BulkInventoryItem', { requests: doc.items.map((i: any) => i.inventoryItem) })).toEqual([]);
    expect(validate('BulkEbayOfferDetailsWithKeys', { requests: doc.items.map((i: any) => i.offer) })).toEqual([]);
    const [shirt, mug] = doc.items;
    expect(shirt.row).toBe(2);
    expect(shirt.inventoryItem).toMatchObject({
      sku: 'TSHIRT-RED-M',
      locale: 'en_US',
      condition: 'NEW',
      availability: { shipToLocationAvailability: { quantity: 12 } },
      product: {
        title: 'Organic Cotton T-Shirt',
        brand: 'Northwind',
        mpn: 'NW-TS-01',
        ean: ['4006381333931'],
        imageUrls: ['https://shop.example.com/img/tshirt-red.jpg', 'https://shop.example.com/img/tshirt-red-back.jpg', 'https://shop.example.com/img/tshirt-red-side.jpg'],
        aspects: { Brand: ['Northwind'], MPN: ['NW-TS-01'], Color: ['Red'], Size: ['M'], Material: ['Cotton'], Department: ['Unisex Adults'] },
      },
    });
    expect(shirt.offer).toEqual({
      sku: 'TSHIRT-RED-M',
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      availableQuantity: 12,
      categoryId: '15687',
      listingPolicies: { fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196933000', returnPolicyId: '6196934000' },
      merchantLocationKey: 'warehouse-1',
      pricingSummary: { price: { value: '19.99', currency: 'USD' }, originalRetailPrice: { value: '25.00', currency: 'USD' }, originallySoldForRetailPriceOn: 'OFF_EBAY' },
    });
    expect(mug.inventoryItem.product.upc).toEqual(['012345678905']);
    expect(mug.inventoryItem.condition).toBe('USED_GOOD');
    expect(mug.inventoryItem.product.aspects.Capacity).toEqual(['350 ml']);
    expect(mug.offer.categoryId).toBe('20625');
  });

  it('writes price and quantity updates under --only price,quantity', () => {
    const doc = render([sampleProduct({ sale_price: undefined })], { only: ['price', 'quantity'] });
    expect(doc.items[0]).toEqual({
      sku: 'TSHIRT-RED-M',
      row: 2,
      priceQuantity: { sku: 'TSHIRT-RED-M', shipToLocationAvailability: { quantity: 12 }, offers: [{ price: { value: '25.00', currency: 'USD' }, availableQuantity: 12 }] },
    });
    const withOffer = { ...doc.items[0].priceQuantity, offers: [{ ...doc.items[0].priceQuantity.offers[0], offerId: '123' }] };
    expect(validate('BulkPriceQuantity', { requests: [withOffer] })).toEqual([]);
    const qty = render([sampleProduct()], { only: ['quantity'] });
    expect(qty.items[0].priceQuantity.offers).toEqual([{ availableQuantity: 12 }]);
    expect(() => mapOne(sampleProduct(), { only: ['title'] })).toThrow(/only price, quantity/);
  });

  it('excludes what eBay would refuse and cuts long titles', () => {
    const codes = (p: Partial<Product>) => mapOne(sampleProduct(p)).issues.map((i) => i.code);
    expect(mapOne(sampleProduct({ id: 'S'.repeat(51) })).record).toBeUndefined();
    expect(codes({ id: 'S'.repeat(51) })).toContain('ebay.id.too_long');
    expect(codes({ quantity: undefined })).toContain('ebay.quantity.missing');
    expect(codes({ price: undefined, sale_price: undefined })).toContain('ebay.price.missing');
    const noCategory = ebay.map(sampleProduct({ product_type: 'Garden', google_product_category: '1' }), { ...sampleContext({ format: 'json' }), feed: target({ options: { ...options, categoryId: undefined } }) });
    expect(noCategory.issues.map((i) => i.code)).toContain('ebay.category.missing');
    const long = mapOne(sampleProduct({ title: 'Word '.repeat(30).trim() }));
    expect(long.issues.map((i) => i.code)).toContain('ebay.title.too_long');
    const item = JSON.parse((long.record as FeedRecord).inventoryItem as string);
    expect(item.product.title.length).toBeLessThanOrEqual(80);
  });

  it('keeps aspects within 40/50 characters, sends https images only and refuses items eBay could not publish', () => {
    const long = mapOne(sampleProduct({ extra: { [`aspect:${'N'.repeat(41)}`]: 'x', 'aspect:Features': `${'V'.repeat(60)}|Pockets` } }));
    const aspects = JSON.parse((long.record as FeedRecord).inventoryItem as string).product.aspects;
    expect(Object.keys(aspects).every((n) => n.length <= 40)).toBe(true);
    expect(aspects.Features).toEqual(['V'.repeat(50), 'Pockets']);
    expect(long.issues.map((i) => [i.code, i.field])).toEqual(expect.arrayContaining([['ebay.aspects.name_too_long', `aspect:${'N'.repeat(41)}`], ['ebay.aspects.value_too_long', 'aspect:Features']]));

    const images = (extra: Partial<FeedTarget> = {}) => {
      const r = mapOne(sampleProduct({ image_link: 'http://img.example.com/a.jpg', additional_image_link: ['ftp://img.example.com/b.jpg', 'https://img.example.com/c.jpg'] }), extra);
      return { urls: JSON.parse((r.record as FeedRecord).inventoryItem as string).product.imageUrls, codes: r.issues.map((i) => i.code) };
    };
    expect(images()).toEqual({ urls: ['https://img.example.com/a.jpg', 'https://img.example.com/c.jpg'], codes: ['ebay.image_link.http', 'ebay.image_link.not_https'] });
    expect(images({ options: { ...options, http_images: 'drop' } }).urls).toEqual(['https://img.example.com/c.jpg']);

    const bare = mapOne(sampleProduct({ brand: undefined, mpn: undefined, color: undefined, size: undefined, material: undefined, gender: undefined }));
    expect(bare.record).toBeUndefined();
    expect(bare.issues.map((i) => [i.code, i.fix])).toEqual([['ebay.aspects.missing', expect.stringMatching(/brand/)]]);

    const required = { ...options, required_aspects: { '15687': ['Brand', 'Size', 'Sleeve Length', 'Department'] } };
    const gap = mapOne(sampleProduct({ gender: undefined }), { options: required });
    expect(gap.record).toBeUndefined();
    expect(gap.issues.map((i) => [i.code, i.field])).toEqual([
      ['ebay.aspects.required_missing', 'aspect:Sleeve Length'],
      ['ebay.aspects.required_missing', 'gender'],
    ]);
    expect(mapOne(sampleProduct({ extra: { 'aspect:Sleeve Length': 'Short Sleeve' } }), { options: required }).record).toBeDefined();
  });

  it('strikes the regular price through with originallySoldForRetailPriceOn, only where eBay has strikethrough prices', () => {
    const pricing = (o: Record<string, unknown>) => {
      const r = mapOne(sampleProduct(), { options: { ...options, ...o } });
      return { summary: JSON.parse((r.record as FeedRecord).offer as string).pricingSummary, codes: r.issues.map((i) => i.code) };
    };
    expect(pricing({ original_price_sold_on: 'ON_EBAY' }).summary).toEqual({ price: { value: '19.99', currency: 'USD' }, originalRetailPrice: { value: '25.00', currency: 'USD' }, originallySoldForRetailPriceOn: 'ON_EBAY' });
    expect(pricing({ marketplaceId: 'EBAY_AU' })).toEqual({ summary: { price: { value: '19.99', currency: 'USD' } }, codes: ['ebay.sale_price.no_strikethrough'] });
  });

  it('is checked by a validator that rejects what eBay would', () => {
    const doc = render([sampleProduct()]);
    const item = doc.items[0].inventoryItem;
    const off = doc.items[0].offer;
    const badItem = (m: (x: any) => void) => {
      const x = structuredClone(item);
      m(x);
      return validate('BulkInventoryItem', { requests: [x] });
    };
    const badOffer = (m: (x: any) => void) => {
      const x = structuredClone(off);
      m(x);
      return validate('BulkEbayOfferDetailsWithKeys', { requests: [x] });
    };
    expect(badItem((x) => (x.sku = 'S'.repeat(51)))).not.toEqual([]);
    expect(badItem((x) => (x.product.title = 'T'.repeat(81)))).not.toEqual([]);
    expect(badItem((x) => (x.product.aspects = { Color: 'Red' }))).not.toEqual([]);
    expect(badItem((x) => (x.availability.shipToLocationAvailability.quantity = '12'))).not.toEqual([]);
    expect(badItem((x) => (x.condition = 'BRAND_NEW'))).not.toEqual([]);
    expect(badItem((x) => (x.product.ean = '4006381333931'))).not.toEqual([]);
    expect(badOffer((x) => (x.format = 'FIXED'))).not.toEqual([]);
    expect(badOffer((x) => (x.pricingSummary.price.value = 19.99))).not.toEqual([]);
    expect(badOffer((x) => (x.availableQuantity = 1.5))).not.toEqual([]);
    expect(badItem((x) => (x.product.aspects = { ['N'.repeat(41)]: ['x'] }))).not.toEqual([]);
    expect(badItem((x) => (x.product.aspects = { Features: ['V'.repeat(51)] }))).not.toEqual([]);
    expect(badItem((x) => (x.product.imageUrls = ['http://shop.example.com/a.jpg']))).not.toEqual([]);
    expect(badOffer((x) => (x.pricingSummary.pricingVisibility = 'DURING_CHECKOUT'))).not.toEqual([]); // a MAP setting, without minimumAdvertisedPrice
    expect(badOffer((x) => delete x.pricingSummary.originallySoldForRetailPriceOn)).not.toEqual([]);
    expect(badOffer((x) => (x.pricingSummary.originallySoldForRetailPriceOn = 'SOMEWHERE'))).not.toEqual([]);
    expect(validate('BulkInventoryItem', { requests: Array.from({ length: 26 }, () => item) })).not.toEqual([]);
  });
});

describe('demo feed feeds/ebay.yaml', () => {
  it('parses with the feed schema and the channel options, and has no destination (no credentials needed)', async () => {
    const config = feedConfigSchema.parse(parseYaml(await readFile(path.resolve('feeds/ebay.yaml'), 'utf8')));
    expect(config.channel).toBe('ebay');
    expect(config.destination).toBeUndefined();
    expect(ebay.options!.safeParse(config.options).success).toBe(true);
  });
});
