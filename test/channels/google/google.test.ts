import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import google from '../../../src/channels/google/index.js';
import { GOOGLE_FIELDS } from '../../../src/channels/common/index.js';
import { codes, mapOne, product, target } from '../map-helpers.js';

const PROTO = path.resolve(__dirname, '../../../../shared/specs/google/merchantapi/products/v1/products_common.proto');

/** Field names of one proto message (top-level fields only) and the values of one enum. */
function protoMessageFields(proto: string, message: string): Set<string> {
  const start = proto.indexOf(`message ${message} {`);
  const names = new Set<string>();
  let depth = 0;
  for (const line of proto.slice(start).split('\n')) {
    if (/\{\s*$/.test(line)) depth++;
    if (depth === 1) {
      const m = /^\s+(?:optional |repeated )?[\w.]+ (\w+) = \d+/.exec(line);
      if (m) names.add(m[1]!);
    }
    if (/^\s*\}\s*$/.test(line) && --depth === 0) break;
  }
  return names;
}
function protoEnum(proto: string, name: string): string[] {
  const body = proto.slice(proto.indexOf(`enum ${name} {`)).split('}')[0]!;
  return [...body.matchAll(/^\s+([A-Z_]+) = \d+;/gm)].map((m) => m[1]!.toLowerCase()).filter((v) => !v.endsWith('_unspecified'));
}

describe('google channel: against the Merchant API protos', () => {
  const proto = readFileSync(PROTO, 'utf8');
  const attributes = protoMessageFields(proto, 'ProductAttributes');

  it('uses only attribute names of ProductAttributes (feed names are the singular of repeated fields)', () => {
    const plural: Record<string, string> = { additional_image_link: 'additional_image_links', gtin: 'gtins', product_type: 'product_types' };
    expect(attributes.size).toBeGreaterThan(50);
    for (const field of GOOGLE_FIELDS) {
      if (field === 'id') continue; // offer_id, on Product itself
      expect(attributes.has(plural[field] ?? field), field).toBe(true);
    }
  });

  it('writes shipping sub-attributes named as in the Shipping message', () => {
    const shipping = protoMessageFields(proto, 'Shipping');
    const { one } = mapOne(google, product({
      shipping: [{ country: 'US', postal_code: '80302', service: 'Ground', price: { amount: 0, currency: 'USD' }, min_handling_time: 1, max_handling_time: 2, min_transit_time: 3, max_transit_time: 4 }],
    }));
    const entry = (one!.shipping as Array<Record<string, string>>)[0]!;
    for (const key of Object.keys(entry)) expect(shipping.has(key), key).toBe(true);
  });

  it('uses the enum values of Availability, Condition, Gender and AgeGroup', () => {
    const avail = protoEnum(proto, 'Availability');
    for (const a of ['in_stock', 'out_of_stock', 'preorder', 'backorder'] as const) {
      const { one } = mapOne(google, product({ availability: a, availability_date: '2026-02-01' }));
      expect(avail).toContain(one!.availability);
    }
    expect(protoEnum(proto, 'Condition')).toEqual(expect.arrayContaining(['new', 'used', 'refurbished']));
    const { one } = mapOne(google, product({ gender: 'Women', age_group: 'Kids' }));
    expect(protoEnum(proto, 'Gender')).toContain(one!.gender);
    expect(protoEnum(proto, 'AgeGroup')).toContain(one!.age_group);
  });
});

describe('google channel: mapping rules', () => {
  it('maps a complete product to Google attributes', () => {
    const r = mapOne(google, product({ sale_price: { amount: 3999, currency: 'USD' }, sale_price_effective_date: '2026-01-01/2026-01-31', google_product_category: 'Apparel & Accessories > Clothing', color: 'White', gender: 'male', age_group: 'adult', size: 'M' }));
    expect(r.issues).toEqual([]);
    expect(r.one).toMatchObject({ id: 'sku-1', price: '49.99 USD', sale_price: '39.99 USD', sale_price_effective_date: '2026-01-01T00:00+00:00/2026-01-31T23:59+00:00', availability: 'in_stock', google_product_category: '1604', condition: 'new' });
  });

  it('truncates a long title at a word boundary with a warning naming feed, id, row and field', () => {
    const r = mapOne(google, product({ title: `${'word '.repeat(40)}end` }));
    expect((r.one!.title as string).length).toBeLessThanOrEqual(150);
    expect(r.one!.title).toMatch(/word$/);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'google.title.too_long', feed: 'test-feed', id: 'sku-1', row: 7, field: 'title' })]);
  });

  it('excludes an id over 50 characters instead of cutting it', () => {
    const r = mapOne(google, product({ id: 'x'.repeat(51) }));
    expect(r.record).toBeUndefined();
    expect(codes(r)).toEqual(['google.id.too_long']);
  });

  it('requires availability_date for preorder and backorder', () => {
    expect(codes(mapOne(google, product({ availability: 'preorder' })))).toEqual(['google.availability_date.missing']);
    expect(mapOne(google, product({ availability: 'backorder', availability_date: '2026-03-01' })).one!.availability_date).toBe('2026-03-01T00:00+00:00');
  });

  it('keeps items without identifiers with a limited-reach warning, writes identifier_exists=no only when the catalog says so', () => {
    const bare = product({ gtin: undefined, mpn: undefined });
    const kept = mapOne(google, bare);
    expect(kept.one).toBeDefined();
    expect(kept.one!.identifier_exists).toBeUndefined();
    expect(kept.issues[0]).toMatchObject({ severity: 'warning', code: 'google.gtin.missing_identifier' });
    expect(kept.issues[0]!.message).toMatch(/may limit its reach/);
    expect(kept.issues[0]!.fix).toMatch(/options\.missingIdentifier: exclude/);
    expect(mapOne(google, { ...bare, mpn: 'M-1' }).one).toMatchObject({ brand: 'Northwind', mpn: 'M-1' });
    expect(mapOne(google, { ...bare, identifier_exists: false }).one!.identifier_exists).toBe('no');
    const strict = mapOne(google, bare, target({ options: { missingIdentifier: 'exclude' } }));
    expect(strict.one).toBeUndefined();
    expect(codes(strict)).toEqual(['google.gtin.missing_identifier']);
  });

  it('requires a brand for new items, also with identifier_exists=no; used items may omit it', () => {
    const noBrand = product({ brand: undefined, gtin: undefined, identifier_exists: false });
    const r = mapOne(google, noBrand);
    expect(codes(r)).toEqual(['google.brand.missing']);
    expect(r.issues[0]!.fix).toContain('default: { field: brand');
    expect(codes(mapOne(google, { ...noBrand, condition: undefined }))).toEqual(['google.brand.missing']);
    expect(mapOne(google, { ...noBrand, condition: 'used' }).one).toBeDefined();
  });

  it('excludes items in another currency unless a price column for the feed currency exists', () => {
    const eur = product({ price: { amount: 1990, currency: 'EUR' } });
    const r = mapOne(google, eur);
    expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'google.currency.mismatch', field: 'price', id: 'sku-1', row: 7 });
    expect(mapOne(google, { ...eur, extra: { 'price USD': '21,50' } }).one!.price).toBe('21.50 USD');
    expect(codes(mapOne(google, { ...eur, extra: { price_USD: 'n/a' } }))).toEqual(['google.price.invalid']);
    expect(mapOne(google, eur, target({ currency: undefined })).one!.price).toBe('19.90 EUR');
  });

  it('drops a sale price that is not lower than the price', () => {
    const r = mapOne(google, product({ sale_price: { amount: 4999, currency: 'USD' } }));
    expect(r.one!.sale_price).toBeUndefined();
    expect(codes(r)).toEqual(['google.sale_price.not_lower']);
  });

  it('keeps at most 10 additional images', () => {
    const r = mapOne(google, product({ additional_image_link: Array.from({ length: 12 }, (_, i) => `https://a/${i}.jpg`) }));
    expect(r.one!.additional_image_link).toHaveLength(10);
    expect(codes(r)).toEqual(['google.additional_image_link.too_many']);
  });

  it('converts HTML descriptions to plain text, keeping paragraph breaks and decoding entities once', () => {
    const r = mapOne(google, product({ description: '<p>Fish &amp; chips</p><p>&lt;b&gt; is bold</p>' }));
    expect(r.one!.description).toBe('Fish & chips\n\n<b> is bold');
  });

  it('resolves google_product_category by id or path and warns on unknown values', () => {
    // A shirt needs its apparel attributes to be published in the US (test/channels/google/apparel.test.ts).
    const dressed = { color: 'White', gender: 'male', age_group: 'adult', size: 'M' };
    expect(mapOne(google, product({ google_product_category: '212', ...dressed })).one!.google_product_category).toBe('212');
    expect(mapOne(google, product({ google_product_category: 'apparel & accessories>clothing >  shirts & tops', ...dressed })).one!.google_product_category).toBe('212');
    const r = mapOne(google, product({ google_product_category: '99999999' }));
    expect(r.one!.google_product_category).toBeUndefined();
    expect(codes(r)).toEqual(['google.google_product_category.unknown']);
  });

  it('rejects gender and age_group values outside the enums', () => {
    expect(codes(mapOne(google, product({ gender: 'robot' })))).toEqual(['google.gender.invalid']);
    expect(codes(mapOne(google, product({ age_group: 'teen' })))).toEqual(['google.age_group.invalid']);
  });

  it('reports every missing required field at once', () => {
    const r = mapOne(google, product({ description: undefined, link: undefined, price: undefined }));
    expect(codes(r).sort()).toEqual(['google.description.missing', 'google.link.missing', 'google.price.missing']);
  });

  it('keeps item_group_id on variants', () => {
    expect(mapOne(google, product({ item_group_id: 'tee', color: 'Red', size: 'S' })).one).toMatchObject({ item_group_id: 'tee', color: 'Red', size: 'S', title: 'Classic Oxford Shirt' });
  });

  it('documents limits of 50/150/5000 and 100 for custom labels', () => {
    const limit = (n: string) => google.attributes.find((a) => a.name === n)?.limit;
    expect([limit('id'), limit('title'), limit('description'), limit('custom_label_3')]).toEqual([50, 150, 5000, 100]);
  });
});
