import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import meta, { META_FIELDS } from '../../../src/channels/meta/index.js';
import { AVAILABILITY_SPELLINGS, META_AGE_GROUPS } from '../../../src/channels/common/index.js';
import { codes, mapOne, product, target } from '../map-helpers.js';

const SPECS = path.resolve(__dirname, '../../../../shared/specs/meta');
const productItem = JSON.parse(readFileSync(path.join(SPECS, 'ProductItem.json'), 'utf8')) as { fields: Array<{ name: string }> };
const shippingItem = JSON.parse(readFileSync(path.join(SPECS, 'ProductItemShipping.json'), 'utf8')) as { fields: Array<{ name: string }> };
const enumTypes = JSON.parse(readFileSync(path.join(SPECS, 'enum_types.json'), 'utf8')) as Array<{ node: string; field_or_param: string; values: string[] }>;
const enumOf = (field: string) => enumTypes.find((e) => e.node === 'ProductItem' && e.field_or_param === field)!.values;

/**
 * Feed column -> ProductItem (Graph API) field names, where the data feed spelling differs. The
 * data feed uses Google's names; the Graph API object stores the same data under these names.
 */
const GRAPH_NAME: Record<string, string[]> = {
  id: ['retailer_id'],
  title: ['name'],
  link: ['url'],
  image_link: ['image_url'],
  additional_image_link: ['additional_image_urls'],
  item_group_id: ['retailer_product_group_id'],
  mpn: ['manufacturer_part_number'],
  google_product_category: ['category'],
  sale_price_effective_date: ['sale_price_start_date', 'sale_price_end_date'],
  shipping_weight: ['shipping_weight_value', 'shipping_weight_unit'],
};

describe('meta channel: against ProductItem.json and enum_types.json', () => {
  const fields = new Set(productItem.fields.map((f) => f.name));

  it('writes only fields that ProductItem knows (under its feed spelling)', () => {
    for (const column of META_FIELDS) {
      if (column === 'shipping') continue; // checked against ProductItemShipping below
      for (const name of GRAPH_NAME[column] ?? [column]) expect(fields.has(name), `${column} -> ${name}`).toBe(true);
    }
  });

  it('writes shipping sub-attributes that ProductItemShipping knows', () => {
    const ship = new Set(shippingItem.fields.map((f) => f.name));
    const { one } = mapOne(meta, product({ shipping: [{ country: 'US', region: 'CA', service: 'Ground', price: { amount: 500, currency: 'USD' } }] }), target({ format: 'csv' }));
    for (const key of Object.keys((one!.shipping as Array<Record<string, string>>)[0]!)) {
      expect(ship.has(`shipping_${key}`) || ship.has(`shipping_${key}_value`), key).toBe(true);
    }
  });

  it('spells availability, condition, gender and age_group as ProductItem enums', () => {
    expect(enumOf('availability')).toEqual(expect.arrayContaining(Object.values(AVAILABILITY_SPELLINGS.meta)));
    expect(enumOf('age_group')).toEqual(expect.arrayContaining([...META_AGE_GROUPS]));
    expect(enumOf('condition')).toEqual(expect.arrayContaining(['new', 'refurbished', 'used']));
    expect(enumOf('gender')).toEqual(expect.arrayContaining(['male', 'female', 'unisex']));
    const { one } = mapOne(meta, product({ availability: 'backorder', gender: 'Ladies', age_group: 'teen', condition: 'used' }));
    expect(enumOf('availability')).toContain(one!.availability);
    expect(enumOf('gender')).toContain(one!.gender);
    expect(enumOf('age_group')).toContain(one!.age_group);
    expect(enumOf('condition')).toContain(one!.condition);
  });
});

describe('meta channel: mapping rules', () => {
  it('uses availability with spaces', () => {
    expect(mapOne(meta, product()).one!.availability).toBe('in stock');
    expect(mapOne(meta, product({ availability: 'out_of_stock' })).one!.availability).toBe('out of stock');
  });

  it('publishes plain text in description and the HTML in rich_text_description', () => {
    const html = '<p>Soft &amp; warm</p><ul><li>wool</li></ul>';
    const { one } = mapOne(meta, product({ description: html }));
    expect(one!.description).toBe('Soft & warm\n\n- wool');
    expect(one!.rich_text_description).toBe(html);
    expect(mapOne(meta, product({ description: html }), target({ options: { richText: false } })).one!.rich_text_description).toBeUndefined();
    expect(mapOne(meta, product({ description: 'plain' })).one!.rich_text_description).toBeUndefined();
  });

  it('keeps item_group_id for variants and publishes quantity', () => {
    expect(mapOne(meta, product({ item_group_id: 'tee', color: 'Red', quantity: 4 })).one).toMatchObject({ item_group_id: 'tee', color: 'Red', quantity_to_sell_on_facebook: '4' });
  });

  it('needs brand, gtin or mpn, but not a GTIN', () => {
    expect(mapOne(meta, product({ gtin: undefined })).one!.brand).toBe('Northwind');
    expect(codes(mapOne(meta, product({ gtin: undefined, brand: undefined })))).toEqual(['meta.brand.missing']);
  });

  it('excludes items without price or in another currency', () => {
    expect(codes(mapOne(meta, product({ price: undefined })))).toEqual(['meta.price.missing']);
    expect(codes(mapOne(meta, product({ price: { amount: 1, currency: 'GBP' } })))).toEqual(['meta.currency.mismatch']);
  });

  it('defaults a missing condition to the defaultCondition option', () => {
    expect(mapOne(meta, product({ condition: undefined })).one!.condition).toBe('new');
    expect(mapOne(meta, product({ condition: undefined }), target({ options: { defaultCondition: 'used' } })).one!.condition).toBe('used');
  });

  it('allows titles up to 200 characters and 20 additional images', () => {
    const r = mapOne(meta, product({ title: 'a'.repeat(180), additional_image_link: Array.from({ length: 22 }, (_, i) => `https://a/${i}.jpg`) }));
    expect(r.one!.title).toHaveLength(180);
    expect(r.one!.additional_image_link).toHaveLength(20);
    expect(codes(r)).toEqual(['meta.additional_image_link.too_many']);
  });

  it('offers csv and xml', () => {
    expect(meta.formats.map((f) => [f.id, f.serializer])).toEqual([['csv', 'csv'], ['xml', 'rss']]);
  });
});
