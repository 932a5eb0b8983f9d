import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/product/product.js';
import { compileRules } from '../../src/rules/engine.js';
import type { ConditionConfig, RuleInput } from '../../src/rules/schema.js';
import { truncateAtWord } from '../../src/util/truncate.js';
import { BASE_DIR, FEED_FILE } from './product-fixture.js';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const money = fc.record({ amount: fc.integer({ min: 0, max: 10_000_000 }), currency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD') });

/** Any canonical product, including odd text (lone surrogates, markup, numbers as text). */
const anyProduct: fc.Arbitrary<Product> = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 20 }),
    title: fc.oneof(text, fc.constant('ΟΔΟΣ straße İstanbul')),
    description: fc.oneof(text, fc.constant('<p>a &amp; b</p>')),
    brand: text,
    color: text,
    size: text,
    product_type: fc.oneof(text, fc.constant('Men > Shirts')),
    additional_image_link: fc.array(text, { maxLength: 3 }),
    price: money,
    sale_price: money,
    quantity: fc.nat(),
    identifier_exists: fc.boolean(),
    availability: fc.constantFrom('in_stock', 'out_of_stock', 'preorder', 'backorder'),
    shipping: fc.constant([]),
    extra: fc.dictionary(fc.constantFrom('cost', 'margin', 'sales', 'images'), fc.oneof(text, fc.integer().map(String), fc.float({ noNaN: true }).map(String))),
  },
  { requiredKeys: ['id', 'title', 'additional_image_link', 'shipping', 'extra'] },
) as fc.Arbitrary<Product>;

const FIELDS = ['title', 'brand', 'color', 'price', 'sale_price', 'quantity', 'identifier_exists', 'additional_image_link', 'extra.cost', 'extra.margin', 'availability', 'shipping', 'gtin'];
const value = fc.oneof(text, fc.integer({ min: -1000, max: 1000 }), fc.constantFrom('19.99 USD', '0', '12.5', 'in_stock'));
const numeric = fc.oneof(fc.integer({ min: -1000, max: 100000 }), fc.constantFrom('19.99 USD', '5 JPY', '0.001', '-3'));

const leaf: fc.Arbitrary<ConditionConfig> = fc.constantFrom(...FIELDS).chain((field) =>
  fc.oneof(
    value.map((v) => ({ field, equals: v })),
    value.map((v) => ({ field, not_equals: v, ignore_case: true })),
    fc.array(value, { minLength: 1, maxLength: 3 }).map((v) => ({ field, in: v })),
    fc.array(value, { minLength: 1, maxLength: 3 }).map((v) => ({ field, not_in: v })),
    text.map((v) => ({ field, contains: v, ignore_case: true })),
    text.map((v) => ({ field, starts_with: v })),
    text.map((v) => ({ field, ends_with: v })),
    fc.constantFrom('^\\d+$', '(ab|cd)+', '\\p{L}', 'x?y').map((v) => ({ field, matches: v })),
    numeric.map((v) => ({ field, gt: v })),
    numeric.map((v) => ({ field, gte: v, lt: v })),
    numeric.map((v) => ({ field, lte: v })),
    fc.boolean().map((v) => ({ field, empty: v })),
    fc.boolean().map((v) => ({ field, not_empty: v })),
  ),
);
const condition: fc.Arbitrary<ConditionConfig> = fc.letrec<{ c: ConditionConfig }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('c').map((not) => ({ not })),
  ),
})).c;

const ctx = { feed: 'prop', row: 2 };
const compile = (rules: RuleInput[]) => compileRules(rules, FEED_FILE, { baseDir: BASE_DIR });

/** A chain with every transform, each under a condition half of the time. */
const CHAIN: RuleInput[] = [
  { categories: { file: 'categories/google.csv' } },
  { strip_html: { field: 'description' } },
  { template: { field: 'title', value: '{brand} {title} - {color} ({size})' } },
  { if: { field: 'title', contains: 'a' }, case: { field: 'title', to: 'title' } },
  { replace: { field: 'title', find: '\\s+', with: ' ', regex: true } },
  { replace: { field: 'description', find: 'a', with: 'b', ignore_case: true } },
  { truncate: { field: 'title', max: 30 } },
  { append: { field: 'brand', value: ' ®' } },
  { prepend: { field: 'color', value: 'c:' } },
  { default: { field: 'color', value: 'none' } },
  { lookup: { field: 'custom_label_4', from: 'extra.sales', table: { '1': 'one' }, default: 'many' } },
  { split: { field: 'custom_label_3', from: 'product_type', separator: '>', index: -1 } },
  { join: { field: 'extra.images', from: 'additional_image_link', separator: '|' } },
  { round: { field: 'price', to: '0.99', direction: 'up' } },
  { round: { field: 'sale_price', to: 'whole' } },
  { convert: { field: 'price', from: 'EUR', to: 'CHF', rate: '0.9412' } },
  { bucket: { field: 'custom_label_0', from: 'price', ranges: [{ max: 10, label: 'a' }, { max: 100, label: 'b' }], default: 'c' } },
  { bucket: { field: 'custom_label_1', from: 'price', cost: 'extra.cost', ranges: [{ max: 30, label: 'low' }, { label: 'high' }] } },
  { set: { field: 'custom_label_2', from: 'extra.margin' } },
  { set: { field: 'price', from: 'extra.cost', currency: 'USD' } },
  { exclude: { field: 'quantity', equals: 3 } },
];

describe('rule properties', () => {
  it('filters never throw, on any product and any condition', () => {
    fc.assert(
      fc.property(condition, fc.array(anyProduct, { minLength: 1, maxLength: 5 }), (c, products) => {
        const rules = compile([{ exclude: c }]);
        for (const p of products) {
          const r = rules.apply(p, ctx);
          expect(r.product === undefined || r.product === p).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a transform chain is deterministic and never modifies its input', () => {
    const rules = compile(CHAIN);
    fc.assert(
      fc.property(anyProduct, (p) => {
        const copy = structuredClone(p);
        const a = rules.apply(p, ctx, []);
        const b = rules.apply(structuredClone(p), ctx);
        expect(p).toEqual(copy);
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('truncate never exceeds its limit and never cuts inside a surrogate pair', () => {
    const splitsPair = (source: string, cut: number): boolean => {
      const before = source.charCodeAt(cut - 1);
      const after = source.charCodeAt(cut);
      return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
    };
    const unit = fc.oneof(fc.constantFrom(' ', ' ', '😀', '𝔸', 'é', '\n'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.integer({ min: 1, max: 70 }), (s, limit) => {
        const direct = truncateAtWord(s, limit);
        // Through the engine, on a field that may become empty.
        const p = compile([{ truncate: { field: 'description', max: limit } }]).apply({ id: '1', title: 't', description: s, additional_image_link: [], shipping: [], extra: {} }, ctx).product!;
        for (const out of [direct, p.description ?? '']) {
          expect(out.length).toBeLessThanOrEqual(limit);
          expect(s.startsWith(out) || s.trim().startsWith(out)).toBe(true);
          if (out.length > 0 && s.startsWith(out)) expect(splitsPair(s, out.length)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
