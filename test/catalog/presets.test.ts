import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShelfcastError } from '../../src/issues/issue.js';
import { getPreset, PRESET_IDS } from '../../src/catalog/presets/index.js';
import { FIXTURES, tempFile } from './helpers.js';
import { byId, mapAll } from './preset-helpers.js';

describe('presets: registry', () => {
  it('lists every preset and finds each by id', () => {
    expect(PRESET_IDS).toEqual(['google', 'shopify', 'woocommerce', 'magento', 'akeneo']);
    for (const id of PRESET_IDS) expect(getPreset(id).id).toBe(id);
  });

  it('refuses an unknown preset with a did-you-mean hint', () => {
    expect(() => getPreset('shopfy')).toThrow(ShelfcastError);
    expect(() => getPreset('shopfy')).toThrow(/unknown preset "shopfy" \(did you mean "shopify"\?\)/);
    expect(() => getPreset('__proto__')).toThrow(ShelfcastError);
  });
});

describe('presets: google', () => {
  it('maps Google column names with or without g:, in any case and spacing, and common aliases', async () => {
    const file = tempFile('g.csv', 'g:ID,Title,Image Link,g:price,EAN,Product-Type,color,Notes\nA-1,Mug,https://x/m.jpg,12.99 USD,00012345678905,Home > Mugs,red,fragile\n');
    const { rows } = await mapAll(file, 'google');
    expect(rows[0]!.fields).toEqual({
      id: 'A-1',
      title: 'Mug',
      image_link: 'https://x/m.jpg',
      price: '12.99 USD',
      gtin: '00012345678905',
      product_type: 'Home > Mugs',
      color: 'red',
    });
    expect(rows[0]!.extra).toEqual({ Notes: 'fragile' });
    expect(rows[0]!.row).toBe(2);
  });

  it('reads a Google RSS feed, rebuilding shipping in its text form', async () => {
    const { rows } = await mapAll(path.join(FIXTURES, 'google-feed.xml'), 'google');
    expect(rows[0]!.fields).toMatchObject({ id: 'A-1', title: 'Café mug & saucer', price: '12.99 USD', shipping: 'US:::4.95 USD' });
    expect(rows[0]!.extra).toEqual({});
    const two = tempFile('s.xml', '<rss><channel><item><g:id>B</g:id><g:shipping><g:country>US</g:country><g:service>Std</g:service><g:price>1 USD</g:price></g:shipping><g:shipping><g:country>CA</g:country><g:service>Exp</g:service><g:price>2 CAD</g:price></g:shipping></item><item><g:id>C</g:id><g:shipping><g:country>US</g:country></g:shipping><g:shipping><g:country>CA</g:country><g:price>2 CAD</g:price></g:shipping></item></channel></rss>');
    const out = (await mapAll(two, 'google')).rows;
    expect(out[0]!.fields.shipping).toBe('US::Std:1 USD,CA::Exp:2 CAD');
    expect(out[1]!.fields.shipping).toBeUndefined();
    expect(out[1]!.issues![0]!.code).toBe('google.shipping.unaligned');
  });

  it('prefers the exact column to an alias and keeps the alias as extra', async () => {
    const file = tempFile('g.csv', 'name,title,gtin,ean\nAlias,Exact,111,222\n');
    const { rows } = await mapAll(file, 'google');
    expect(rows[0]!.fields).toMatchObject({ title: 'Exact', gtin: '111' });
    expect(rows[0]!.extra).toEqual({ name: 'Alias', ean: '222' });
  });

  it('lets explicit columns override the preset', async () => {
    const file = tempFile('g.csv', 'id,title,Product Name,Brand Name\nA,Wrong,Right,Acme\n');
    const { rows } = await mapAll(file, 'google', { columns: { title: 'Product Name', brand: 'Brand Name' } });
    expect(rows[0]!.fields).toEqual({ id: 'A', title: 'Right', brand: 'Acme' });
    expect(rows[0]!.extra).toEqual({ title: 'Wrong' });
  });

  it('passes reader issues through to the mapped row', async () => {
    const file = tempFile('g.csv', 'id,title\nA\n');
    const { rows } = await mapAll(file, 'google');
    expect(rows[0]!.issues![0]!.code).toBe('catalog.columns.count');
  });
});

describe('presets: shopify', () => {
  const file = path.join(FIXTURES, 'shopify-products.csv');

  it('makes one item per variant, inheriting product fields, with the handle as item group', async () => {
    const { rows } = await mapAll(file, 'shopify', { baseUrl: 'https://shop.example.com/' });
    expect(rows.map((r) => r.fields.id)).toEqual(['TEE-S-RED', 'TEE-M-RED', 'TEE-L-BLUE', 'gift-card']);
    const s = byId(rows, 'TEE-S-RED');
    expect(s.fields).toMatchObject({
      title: 'Classic Tee - S / Red',
      description: '<p>Soft cotton tee.</p>\n<ul><li>100% cotton</li></ul>',
      brand: 'Acme',
      product_type: 'Shirts',
      google_product_category: 'Apparel & Accessories > Clothing > Shirts & Tops',
      size: 'S',
      color: 'Red',
      price: '24.99',
      sale_price: '19.99',
      gtin: '00012345678905',
      quantity: '5',
      availability: 'in stock',
      item_group_id: 'classic-tee',
      link: 'https://shop.example.com/products/classic-tee',
      image_link: 'https://cdn.example.com/tee-red.jpg',
      additional_image_link: 'https://cdn.example.com/tee-back.jpg,https://cdn.example.com/tee-detail.jpg',
      gender: 'unisex',
      age_group: 'adult',
      mpn: 'TEE-MPN',
      condition: 'new',
      custom_label_0: 'summer',
      shipping_weight: '180 g',
    });
    const m = byId(rows, 'TEE-M-RED');
    expect(m.fields).toMatchObject({ title: 'Classic Tee - M / Red', size: 'M', color: 'Red', price: '19.99', availability: 'out of stock', brand: 'Acme' });
    expect(m.fields.sale_price).toBeUndefined();
    expect(m.extra).toMatchObject({ Tags: 'cotton, summer', Status: 'active', 'Image Alt Text': 'Back' });
    const l = byId(rows, 'TEE-L-BLUE');
    expect(l.fields).toMatchObject({ availability: 'backorder', image_link: 'https://cdn.example.com/tee-blue.jpg' });
    expect(l.row).toBe(4);
  });

  it('treats a single "Default Title" variant as a product without item group', async () => {
    const { rows } = await mapAll(file, 'shopify', { baseUrl: 'https://shop.example.com' });
    const gift = byId(rows, 'gift-card');
    expect(gift.fields.item_group_id).toBeUndefined();
    expect(gift.fields.image_link).toBe('https://shop.example.com/files/gift.png');
    expect(gift.fields.price).toBe('25.00');
    expect(gift.issues).toBeUndefined();
  });

  it('warns once at the end when no base URL is set, leaving links relative for the validator', async () => {
    const { rows, finish } = await mapAll(file, 'shopify');
    expect(rows[0]!.fields.link).toBe('/products/classic-tee');
    expect(finish.map((i) => i.code)).toEqual(['shopify.base_url.missing']);
  });
});

describe('presets: magento', () => {
  const file = path.join(FIXTURES, 'magento-products.csv');

  it('gives configurable children their parent as item group, skips the parent and store-view rows', async () => {
    const { rows } = await mapAll(file, 'magento', { baseUrl: 'https://shop.example.com' });
    expect(rows.map((r) => r.fields.id)).toEqual(['WT01-S-Red', 'WT01-M-Blue', 'BAG1']);
    expect(byId(rows, 'WT01-S-Red').fields).toMatchObject({
      item_group_id: 'WT01',
      title: 'Wave Tee-S-Red',
      description: '<p>Light &amp; airy.</p>',
      link: 'https://shop.example.com/wave-tee.html',
      image_link: 'https://shop.example.com/media/catalog/product/w/t/wt01-red.jpg',
      product_type: 'Women > Tops',
      size: 'S',
      color: 'Red',
      material: 'Cotton,Linen',
      quantity: '12',
      availability: 'in stock',
      price: '29.00',
    });
    expect(byId(rows, 'WT01-M-Blue').fields).toMatchObject({
      description: '<p>The Wave Tee.</p>',
      sale_price: '24.00',
      sale_price_effective_date: '2026-01-01/2026-02-01',
      availability: 'out of stock',
      additional_image_link: 'https://shop.example.com/media/catalog/product/w/t/wt01-blue-back.jpg,https://shop.example.com/media/catalog/product/w/t/wt01-blue-side.jpg',
    });
    const bag = byId(rows, 'BAG1');
    expect(bag.fields).toMatchObject({ link: 'https://shop.example.com/duffle-bag.html', image_link: 'https://cdn.example.com/bag.jpg', gtin: '4006381333931', product_type: 'Gear > Bags' });
    expect(bag.fields.item_group_id).toBeUndefined();
  });

  it('keeps unmapped packed attributes as extra fields', async () => {
    const file2 = tempFile('m.csv', 'sku,name,product_type,additional_attributes\nS1,Shoe,simple,"climate=Cool|Warm,eco_collection=Yes,__proto__=x"\n');
    const { rows } = await mapAll(file2, 'magento', { baseUrl: 'https://s.example' });
    expect(rows[0]!.extra).toEqual({ climate: 'Cool|Warm', eco_collection: 'Yes' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('presets: akeneo', () => {
  const file = path.join(FIXTURES, 'akeneo-products.csv');

  it('picks the columns of the configured locale, scope and currency', async () => {
    const { rows } = await mapAll(file, 'akeneo', { locale: 'en_US', scope: 'ecommerce', currency: 'EUR', baseUrl: 'https://pim.example.com' });
    expect(rows[0]!.fields).toEqual({
      id: 'AK-1',
      title: 'Blue shirt',
      description: 'Web text',
      price: '12.50 EUR',
      gtin: '00012345678905',
      color: 'blue',
      shipping_weight: '0.2 kg',
      image_link: 'https://pim.example.com/media/a/b/ak1.jpg',
    });
    expect(rows[0]!.extra).toMatchObject({ 'name-de_DE': 'Blaues Hemd', 'description-en_US-print': 'Print text', 'price-USD': '14.00', family: 'shirts', enabled: '1' });
  });

  it('switches locale and currency', async () => {
    const { rows } = await mapAll(file, 'akeneo', { locale: 'de-DE', currency: 'USD' });
    expect(rows[0]!.fields).toMatchObject({ title: 'Blaues Hemd', description: 'Webtext', price: '14.00 USD' });
    expect(rows[1]!.fields.title).toBeUndefined();
  });
});

describe('presets: reader issues of rows that are not items', () => {
  it('come back from finish() (a header warning on a variable parent row is not lost)', async () => {
    const file = tempFile('w.csv', 'ID,Type,SKU,Name,Name,Parent\n1,variable,P,Parent,x,\n2,variation,P-1,Child,y,P\n');
    const { rows, finish } = await mapAll(file, 'woocommerce');
    expect(rows.map((r) => r.fields.id)).toEqual(['P-1']);
    expect(rows[0]!.issues).toBeUndefined();
    expect(finish.map((i) => i.code)).toEqual(['catalog.header.duplicate', 'woocommerce.base_url.missing']);
  });

  it('presets without a prepass do not get one', () => {
    expect(getPreset('google').create({}).prepass).toBeUndefined();
    expect(getPreset('akeneo').create({}).prepass).toBeUndefined();
    expect(getPreset('magento').create({}).prepass).toBeTypeOf('function');
  });
});
