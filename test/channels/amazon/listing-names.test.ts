import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulletPoints, hasBulletPoints, listingAttributesJson } from '../../../src/channels/amazon/listing-attributes.js';
import { amazonOptionsSchema } from '../../../src/channels/amazon/listing-options.js';
import { columnValues } from '../../../src/channels/amazon/listing-requirements.js';
import { SHIPPED_PRODUCT_TYPES } from '../../../src/channels/amazon/product-types.js';
import { itemIssues, priceForFeed } from '../../../src/channels/common/index.js';
import type { Product } from '../../../src/product/product.js';
import { NOW, product as baseProduct, target } from '../map-helpers.js';

/**
 * An item left out for a missing required column gets its attribute names without their JSON
 * (the map then reports the required attributes it lacks): names and issues must be those of the
 * written attributes, and the bullet check must agree with the bullets it stands in for.
 */
const spaces = fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\u3000', '\ufeff');
const words = fc.constantFrom('a', 'ab', 'Soft cotton.', 'e.g.x', '3.5"', '!', '?!', '<p>x</p>', '&amp;', '|', 'é');
const prose = fc.array(fc.oneof(spaces, words), { maxLength: 12 }).map((parts) => parts.join(''));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const longText = (unit: string, max: number) => fc.integer({ min: 0, max }).map((n) => unit.repeat(n));

const productArb: fc.Arbitrary<Product> = fc
  .record({
    title: fc.oneof(prose, longText('Title ', 45)),
    description: optional(fc.oneof(prose, longText('Long sentence here. ', 110))),
    brand: optional(fc.oneof(prose, longText('b', 120))),
    gtin: optional(fc.constantFrom('12345678', '123456789012', '4006381333931', '12345')),
    identifier_exists: optional(fc.boolean()),
    item_group_id: optional(fc.constantFrom('G1')),
    color: optional(prose),
    material: optional(prose),
    quantity: optional(fc.integer({ min: -2, max: 9 })),
    additional_image_link: fc.array(fc.constantFrom('https://a/1.jpg', 'https://a/2.jpg'), { maxLength: 10 }),
    extra: fc.dictionary(fc.constantFrom('bullet_point_1', 'bullet_point_4', 'bullet_point', 'bullet_points', 'fabric_type', 'country_of_origin', 'item_type_keyword'), prose, { maxKeys: 3 }),
  })
  .map((over) => baseProduct(Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) as Partial<Product>));
const optionsArb = fc
  .record({ default_brand: optional(fc.constantFrom('House')), gtin_exemption: optional(fc.boolean()), attribute_defaults: fc.constantFrom({}, { color: 'Blue', fabric_type: 'Cotton' }) })
  .map((o) => amazonOptionsSchema.parse({ sellerId: 'S', marketplaceId: 'ATVPDKIKX0DER', ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) }));
const typeArb = fc.constantFrom(...SHIPPED_PRODUCT_TYPES, 'SHIRT');
const issuesOf = (p: Product) => itemIssues('amazon', p, { feed: target({ format: 'json' }), row: 3, now: NOW });

describe('Amazon listing attributes of an item left out', () => {
  it('has the names and the issues, in their order, of the written attributes, and no JSON', () => {
    fc.assert(
      fc.property(productArb, optionsArb, typeArb, (p, opts, type) => {
        const offer = priceForFeed(p, target({ currency: undefined }), issuesOf(p));
        const [written, named] = [issuesOf(p), issuesOf(p)];
        const full = listingAttributesJson(p, offer, opts, written, type);
        const names = listingAttributesJson(p, offer, opts, named, type, columnValues(p, type, opts).values, false);
        expect(names.json).toBeUndefined();
        expect([...names.names]).toEqual([...full.names]);
        expect(Object.keys(JSON.parse(full.json!))).toEqual([...full.names]);
        expect(named.list).toEqual(written.list);
      }),
      { numRuns: 1000 },
    );
  });

  it('tells whether an item has bullet points exactly when bulletPoints gives some', () => {
    fc.assert(
      fc.property(productArb, optional(prose), (p, description) => {
        expect(hasBulletPoints(p, description)).toBe(bulletPoints(p, description).length > 0);
      }),
      { numRuns: 3000 },
    );
    const plain = baseProduct();
    expect([' ab ', 'a b', ' \u3000a\n\tb ', 'abc', 'a.', '', '   '].map((d) => hasBulletPoints(plain, d))).toEqual([false, true, true, true, false, false, false]);
  });
});
