import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entry, json, member, members, quote } from '../../../src/channels/amazon/attribute-json.js';
import { amountJson, availabilityAttributeJson, gtinType, listingAttributesJson, offerAttributeJson, type OfferInput } from '../../../src/channels/amazon/listing-attributes.js';
import { amazonOptionsSchema, conditionType, type AmazonOptions } from '../../../src/channels/amazon/listing-options.js';
import { itemIssues, limitText, plainText, priceForFeed, type ItemIssues } from '../../../src/channels/common/index.js';
import { formatAmount } from '../../../src/product/money-format.js';
import type { Money, Product } from '../../../src/product/product.js';
import { NOW, product as baseProduct, target } from '../map-helpers.js';

/**
 * The Amazon attributes are written as JSON text directly; the reference below is the object tree
 * they were stringified from before, and the text must be exactly JSON.stringify of it.
 */
const MAX_BULLETS = 5;
const MAX_OTHER_IMAGES = 8;
const LIMITS = { item_name: 200, product_description: 2000, bullet_point: 500, brand: 100 };
const amount = (m: Money): number => Number(formatAmount(m));

const reference = {
  offer(o: OfferInput, opts: AmazonOptions): Array<Record<string, unknown>> {
    const offer: Record<string, unknown> = { marketplace_id: opts.marketplaceId, currency: o.price.currency, our_price: [{ schedule: [{ value_with_tax: amount(o.price) }] }] };
    if (o.sale_price) {
      const schedule: Record<string, unknown> = { value_with_tax: amount(o.sale_price) };
      const [start, end] = (o.sale_price_effective_date ?? '').split('/');
      if (start) schedule.start_at = start;
      if (end) schedule.end_at = end;
      offer.discounted_price = [{ schedule: [schedule] }];
    }
    return [offer];
  },
  availability(p: Product, opts: AmazonOptions, out: ItemIssues): Array<Record<string, unknown>> | undefined {
    let quantity = p.quantity;
    if (quantity === undefined && p.availability === 'out_of_stock') quantity = 0;
    quantity ??= opts.default_quantity;
    if (quantity === undefined) {
      out.warn('quantity', 'missing', 'No quantity: Amazon needs a number, so fulfillment_availability was left out.', { fix: 'Fill in quantity, or set options.default_quantity.' });
      return undefined;
    }
    return [{ fulfillment_channel_code: opts.fulfillment_channel_code, quantity: Math.max(0, Math.trunc(quantity)) }];
  },
  bullets(p: Product, description: string | undefined): string[] {
    const explicit: string[] = [];
    for (let i = 1; i <= MAX_BULLETS; i++) {
      const v = p.extra[`bullet_point_${i}`]?.trim();
      if (v) explicit.push(v);
    }
    const joined = p.extra.bullet_point ?? p.extra.bullet_points;
    if (explicit.length === 0 && joined) explicit.push(...joined.split('|').map((s) => s.trim()).filter(Boolean));
    if (explicit.length > 0) return explicit.slice(0, MAX_BULLETS);
    if (!description) return [];
    const sentences = description.replace(/\s+/g, ' ').split(/(?<=[.!?])(?=\s)/);
    const bullets = sentences.map((s) => s.trim()).filter((s) => s.length >= 3).slice(0, MAX_BULLETS);
    // No sentence: the whole description is the one bullet point.
    const whole = description.trim().replace(/\s+/g, ' ');
    return bullets.length > 0 || whole.length < 3 ? bullets : [whole];
  },
  attributes(p: Product, offer: OfferInput | undefined, opts: AmazonOptions, out: ItemIssues, productType: string): Record<string, unknown> {
    const mp = opts.marketplaceId;
    const lang = opts.languageTag ?? opts.issueLocale;
    const text = (value: string | undefined) => (value === undefined ? undefined : [{ value, language_tag: lang, marketplace_id: mp }]);
    const a: Record<string, unknown> = {};
    const put = (name: string, v: unknown[] | undefined) => {
      if (v !== undefined && v.length > 0) a[name] = v;
    };
    put('item_name', text(limitText(p.title, LIMITS.item_name, 'title', out)));
    put('brand', text(limitText(p.brand ?? opts.default_brand, LIMITS.brand, 'brand', out)));
    if (p.gtin) {
      const type = gtinType(p.gtin);
      if (type) put('externally_assigned_product_identifier', [{ type, value: p.gtin, marketplace_id: mp }]);
      else out.warn('gtin', 'invalid_length', `GTIN ${p.gtin} has ${p.gtin.length} digits; Amazon takes 8, 12, 13 or 14, so it was left out.`);
    } else if (p.identifier_exists === false || opts.gtin_exemption) {
      put('supplier_declared_has_product_identifier_exemption', [{ value: true, marketplace_id: mp }]);
    }
    if (p.item_group_id && productType !== 'PRODUCT') {
      put('parentage_level', [{ value: 'child', marketplace_id: mp }]);
      put('child_parent_sku_relationship', [{ child_relationship_type: 'variation', parent_sku: p.item_group_id, marketplace_id: mp }]);
    }
    // The required attributes no canonical field holds: a column named after them, else the feed's default.
    // (SHIRT has no shipped definition: only what every shipped type requires.)
    for (const name of ['country_of_origin', 'item_type_keyword', ...(productType === 'SHIRT' ? [] : ['supplier_declared_dg_hz_regulation'])]) {
      const value = p.extra[name]?.trim() || opts.attribute_defaults[name];
      if (value) put(name, [{ value, marketplace_id: mp }]);
    }
    if (p.mpn) put('part_number', [{ value: p.mpn, marketplace_id: mp }]);
    put('condition_type', [{ value: conditionType(p.condition, opts), marketplace_id: mp }]);
    const description = limitText(plainText(p.description), LIMITS.product_description, 'description', out);
    put('product_description', text(description));
    put('bullet_point', reference.bullets(p, description).map((b) => ({ value: b.slice(0, LIMITS.bullet_point), language_tag: lang, marketplace_id: mp })));
    put('color', text(p.color));
    put('size', text(p.size));
    put('material', text(p.material));
    put('pattern', text(p.pattern));
    if (p.image_link) put('main_product_image_locator', [{ media_location: p.image_link, marketplace_id: mp }]);
    if (p.additional_image_link.length > MAX_OTHER_IMAGES) {
      out.warn('additional_image_link', 'too_many', `${p.additional_image_link.length} additional images; Amazon takes ${MAX_OTHER_IMAGES}, the rest were left out.`);
    }
    p.additional_image_link.slice(0, MAX_OTHER_IMAGES).forEach((url, i) => put(`other_product_image_locator_${i + 1}`, [{ media_location: url, marketplace_id: mp }]));
    if (offer) put('purchasable_offer', reference.offer(offer, opts));
    put('fulfillment_availability', reference.availability(p, opts, out));
    return a;
  },
};

const unit = fc.constantFrom('a', 'B', ' ', '.', '!', '?', '"', '\\', '/', '\n', '\t', '\u0001', '\u007f', '\u2028', 'é', '日', '😀', '\ud800', '\udc00', '<p>', '&amp;', '|');
const text = (max: number) => fc.string({ unit, maxLength: max });
const money = fc.record({
  amount: fc.oneof(fc.integer({ min: -100_000, max: 10_000_000 }), fc.constantFrom(0, 1, 10, 1990, 2000, 9_999_999_999_999, Number.MAX_SAFE_INTEGER)),
  currency: fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
});
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const productArb: fc.Arbitrary<Product> = fc
  .record({
    title: text(260),
    description: optional(fc.oneof(text(120), text(2400))),
    brand: optional(text(120)),
    gtin: optional(fc.constantFrom('12345678', '123456789012', '4006381333931', '12345678901234', '12345')),
    identifier_exists: optional(fc.boolean()),
    mpn: optional(text(10)),
    condition: optional(fc.constantFrom('new', 'used', 'refurbished' as const)),
    color: optional(text(10)),
    size: optional(text(5)),
    material: optional(text(5)),
    pattern: optional(text(5)),
    image_link: optional(fc.constantFrom('https://a/x.jpg', 'https://a/"q".jpg', '')),
    additional_image_link: fc.array(fc.constantFrom('https://a/1.jpg', 'https://a/\u2028.jpg', ''), { maxLength: 11 }),
    availability: optional(fc.constantFrom('in_stock', 'out_of_stock', 'preorder', 'backorder' as const)),
    quantity: optional(fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double({ min: -3, max: 3, noNaN: true }))),
    price: money,
    sale_price: optional(money),
    sale_price_effective_date: optional(fc.constantFrom('2026-01-01/2026-02-01', '2026-01-01', '/2026-02-01', 'a/b/c')),
    item_group_id: optional(fc.constantFrom('G1')),
    extra: fc.dictionary(fc.constantFrom('bullet_point_1', 'bullet_point_3', 'bullet_point_5', 'bullet_point_6', 'bullet_point', 'bullet_points', 'country_of_origin', 'item_type_keyword'), text(30), { maxKeys: 3 }),
  })
  .map((over) => baseProduct(Object.fromEntries(Object.entries(over).filter(([, v]) => v !== undefined)) as Partial<Product>));
const optionsArb = fc
  .record({
    languageTag: optional(fc.constantFrom('de_DE')), default_quantity: optional(fc.constantFrom(0, 7)), conditions: fc.constantFrom({}, { used: 'used_like_new' as const }),
    default_brand: optional(fc.constantFrom('House')), gtin_exemption: optional(fc.boolean()), attribute_defaults: fc.constantFrom({}, { country_of_origin: 'US', supplier_declared_dg_hz_regulation: 'not_applicable' }),
  })
  .map((o) => amazonOptionsSchema.parse({ sellerId: 'S', marketplaceId: 'ATVPDKIKX0DER', ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) }));

const issuesOf = (p: Product): ItemIssues => itemIssues('amazon', p, { feed: target({ format: 'json' }), row: 2, now: NOW });

describe('Amazon attribute JSON (property: JSON.stringify of the object tree it replaced)', () => {
  it('listingAttributesJson, with the same issues in the same order', () => {
    fc.assert(
      fc.property(productArb, optionsArb, fc.constantFrom('PRODUCT', 'HOME', 'SHIRT'), (p, opts, type) => {
        const [outA, outB] = [issuesOf(p), issuesOf(p)];
        const offer = priceForFeed(p, target({ currency: undefined }), issuesOf(p));
        // Twice: the description and bullet memos must give the same text on a repeat.
        for (let i = 0; i < 2; i++) expect(listingAttributesJson(p, offer, opts, outA, type).json).toBe(JSON.stringify(reference.attributes(p, offer, opts, outB, type)));
        expect(outA.list).toEqual(outB.list);
      }),
      { numRuns: 1500 },
    );
  });

  it('offerAttributeJson and availabilityAttributeJson', () => {
    fc.assert(
      fc.property(productArb, optionsArb, (p, opts) => {
        const offer = { price: p.price!, sale_price: p.sale_price, sale_price_effective_date: p.sale_price_effective_date };
        expect(offerAttributeJson(offer, opts)).toBe(JSON.stringify(reference.offer(offer, opts)));
        const a = availabilityAttributeJson(p, opts, issuesOf(p));
        const b = reference.availability(p, opts, issuesOf(p));
        expect(a).toBe(b === undefined ? undefined : JSON.stringify(b));
      }),
      { numRuns: 1500 },
    );
  });

  it('amountJson is the JSON number of the formatted amount', () => {
    fc.assert(
      fc.property(money, (m) => {
        expect(amountJson(m)).toBe(JSON.stringify(Number(formatAmount(m))));
      }),
      { numRuns: 5000 },
    );
    for (const m of [{ amount: 0, currency: 'USD' }, { amount: -5, currency: 'USD' }, { amount: 1990, currency: 'USD' }, { amount: 0.5, currency: 'USD' }, { amount: NaN, currency: 'USD' }]) {
      expect(amountJson(m)).toBe(JSON.stringify(Number(formatAmount(m))));
    }
  });

  it('quote, json, member and entry write what JSON.stringify writes', () => {
    const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 90 }).map((u) => String.fromCharCode(...u));
    fc.assert(
      fc.property(fc.oneof(anyUnits, text(100)), fc.oneof(fc.constant(undefined), fc.boolean(), fc.double(), text(8)), (s, v) => {
        expect(quote(s)).toBe(JSON.stringify(s));
        if (v !== undefined) expect(json(v)).toBe(JSON.stringify(v));
        expect(entry('"k"', v, members({ m: s }))).toBe(JSON.stringify({ k: v, m: s }));
        expect(`{${member('"k"', v, '')}}`).toBe(JSON.stringify({ k: v }));
      }),
      { numRuns: 5000 },
    );
  });
});
