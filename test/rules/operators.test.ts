import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/product/product.js';
import type { ConditionConfig } from '../../src/rules/schema.js';
import { product, run } from './product-fixture.js';

/** [case, product overrides, condition, does the product meet it] */
const CASES: Array<[string, Partial<Product>, ConditionConfig, boolean]> = [
  ['equals text', {}, { field: 'brand', equals: 'Acme' }, true],
  ['equals is case-sensitive', {}, { field: 'brand', equals: 'acme' }, false],
  ['equals ignore_case', {}, { field: 'brand', equals: 'ACME', ignore_case: true }, true],
  ['equals enum value', { availability: 'out_of_stock' }, { field: 'availability', equals: 'out_of_stock' }, true],
  ['equals enum in another spelling', { availability: 'out_of_stock' }, { field: 'availability', equals: 'Out of Stock' }, true],
  ['in with enum spellings', { condition: 'used' }, { field: 'condition', in: ['refurbished', 'pre-owned'] }, true],
  ['equals yes on identifier_exists', { identifier_exists: true }, { field: 'identifier_exists', equals: 'yes' }, true],
  ['equals on a missing field', { brand: undefined }, { field: 'brand', equals: 'Acme' }, false],
  ['equals money without currency (product currency)', {}, { field: 'price', equals: 19.99 }, true],
  ['equals money with another currency', {}, { field: 'price', equals: '19.99 EUR' }, false],
  ['equals quantity', {}, { field: 'quantity', equals: 7 }, true],
  ['equals boolean identifier_exists', { identifier_exists: false }, { field: 'identifier_exists', equals: false }, true],
  ['not_equals', {}, { field: 'brand', not_equals: 'Other' }, true],
  ['not_equals on a missing field', { color: undefined }, { field: 'color', not_equals: 'Blue' }, true],
  ['in', {}, { field: 'color', in: ['Red', 'Blue'] }, true],
  ['in, no match', {}, { field: 'color', in: ['Red', 'Green'] }, false],
  ['not_in', {}, { field: 'color', not_in: ['Red', 'Green'] }, true],
  ['contains', {}, { field: 'title', contains: 'Shirt' }, true],
  ['contains ignore_case folds ß and SS', { title: 'STRASSE' }, { field: 'title', contains: 'straße', ignore_case: true }, true],
  ['contains ignore_case folds final sigma', { title: 'ΟΔΟΣ' }, { field: 'title', contains: 'οδος', ignore_case: true }, true],
  ['contains on a list: any element', { additional_image_link: ['https://a.example/1.png', 'https://b.example/2.jpg'] }, { field: 'additional_image_link', contains: 'b.example' }, true],
  ['starts_with', {}, { field: 'product_type', starts_with: 'Men >' }, true],
  ['ends_with', {}, { field: 'product_type', ends_with: 'Shirts' }, true],
  ['ends_with, no match', {}, { field: 'product_type', ends_with: 'Pants' }, false],
  ['matches', {}, { field: 'id', matches: '^SKU-\\d+$' }, true],
  ['matches ignore_case', {}, { field: 'id', matches: '^sku-', ignore_case: true }, true],
  ['matches unicode', { title: 'Café Crème' }, { field: 'title', matches: '^\\p{Lu}\\p{Ll}+ \\p{Lu}' }, true],
  ['gt money, minor units', {}, { field: 'price', gt: 19.98 }, true],
  ['gt money, equal is not greater', {}, { field: 'price', gt: '19.99 USD' }, false],
  ['gte money', {}, { field: 'price', gte: '19.99 USD' }, true],
  ['lt money in another currency never matches', {}, { field: 'price', lt: '100 EUR' }, false],
  ['lte money, more decimals than the currency', {}, { field: 'price', lte: '19.990' }, true],
  ['gt money JPY', { price: { amount: 1500, currency: 'JPY' } }, { field: 'price', gt: 1499 }, true],
  ['lt quantity', {}, { field: 'quantity', lt: 10 }, true],
  ['gt on numeric extra text', { extra: { margin: '0.35' } }, { field: 'extra.margin', gt: 0.3 }, true],
  ['gt on an amount with a currency in a text column', { extra: { price_eur: '18.90 EUR' } }, { field: 'extra.price_eur', gt: '18.00 EUR' }, true],
  ['gt on a text amount in another currency is false', { extra: { price_eur: '18.90 EUR' } }, { field: 'extra.price_eur', gt: '18.00 USD' }, false],
  ['gt on non-numeric text is false', { extra: { margin: 'high' } }, { field: 'extra.margin', gt: 0 }, false],
  ['gt on a missing field is false', { price: undefined }, { field: 'price', gt: 0 }, false],
  ['range: gte and lt together', {}, { field: 'price', gte: 10, lt: 20 }, true],
  ['empty on a missing field', { color: undefined }, { field: 'color', empty: true }, true],
  ['empty on an empty list', {}, { field: 'additional_image_link', empty: true }, true],
  ['empty on a missing extra column', {}, { field: 'extra.cost', empty: true }, true],
  ['empty: false', {}, { field: 'color', empty: false }, true],
  ['not_empty', {}, { field: 'brand', not_empty: true }, true],
  ['not_empty on a missing field', { sale_price: undefined }, { field: 'sale_price', not_empty: true }, false],
  ['all', {}, { all: [{ field: 'brand', equals: 'Acme' }, { field: 'quantity', gt: 5 }] }, true],
  ['all, one fails', {}, { all: [{ field: 'brand', equals: 'Acme' }, { field: 'quantity', gt: 50 }] }, false],
  ['any', {}, { any: [{ field: 'brand', equals: 'Other' }, { field: 'quantity', gt: 5 }] }, true],
  ['not', {}, { not: { field: 'brand', equals: 'Acme' } }, false],
  ['nested', {}, { all: [{ not: { field: 'color', empty: true } }, { any: [{ field: 'price', lt: 5 }, { field: 'title', contains: 'Linen' }] }] }, true],
];

describe('filter operators', () => {
  it.each(CASES)('%s', (_name, over, condition, meets) => {
    const p = product(over);
    const excluded = run([{ exclude: condition }], p);
    const included = run([{ include: condition }], p);
    expect(excluded.product === undefined).toBe(meets);
    expect(included.product === undefined).toBe(!meets);
  });

  it('reports why an item was excluded', () => {
    const r = run([{ exclude: { field: 'availability', equals: 'in_stock' } }], product());
    expect(r.product).toBeUndefined();
    expect(r.excludedBy).toEqual({ index: 0, rule: 'exclude if availability equals "in_stock"' });
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'info', code: 'rules.excluded', id: 'SKU-1', row: 2, feed: 'test', message: 'excluded by rules[0] (exclude if availability equals "in_stock"): it meets exclude: availability equals "in_stock"' }),
    ]);
  });

  it('applies filters in order with transforms: a filter sees earlier transforms', () => {
    const rules = [{ set: { field: 'brand', value: 'Other' } }, { include: { field: 'brand', equals: 'Other' } }];
    expect(run(rules, product()).product?.brand).toBe('Other');
    expect(run([...rules].reverse(), product()).product).toBeUndefined();
  });
});
