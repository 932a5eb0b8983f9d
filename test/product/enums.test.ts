import { describe, expect, it } from 'vitest';
import { parseAvailability } from '../../src/product/availability.js';
import { parseCondition } from '../../src/product/condition.js';
import { parseQuantity } from '../../src/product/quantity.js';
import { parseYesNo } from '../../src/product/yes-no.js';
import type { Parsed } from '../../src/product/parse-result.js';

const result = <T>(r: Parsed<T>) => (r.ok ? r.value : r.code);

describe('parseAvailability', () => {
  it.each([
    ['in stock', 'in_stock'],
    ['In Stock', 'in_stock'],
    ['InStock', 'in_stock'],
    ['in_stock', 'in_stock'],
    ['in-stock', 'in_stock'],
    ['IN_STOCK', 'in_stock'],
    ['http://schema.org/InStock', 'in_stock'],
    ['https://schema.org/InStock', 'in_stock'],
    ['available', 'in_stock'],
    ['LimitedAvailability', 'in_stock'],
    ['out of stock', 'out_of_stock'],
    ['OutOfStock', 'out_of_stock'],
    ['out_of_stock', 'out_of_stock'],
    ['sold out', 'out_of_stock'],
    ['SoldOut', 'out_of_stock'],
    ['Discontinued', 'out_of_stock'],
    ['preorder', 'preorder'],
    ['pre-order', 'preorder'],
    ['PreOrder', 'preorder'],
    ['https://schema.org/PreOrder', 'preorder'],
    ['backorder', 'backorder'],
    ['onbackorder', 'backorder'],
    ['BackOrder', 'backorder'],
    ['  in stock  ', 'in_stock'],
  ])('%j -> %s', (text, expected) => {
    expect(result(parseAvailability(text))).toBe(expected);
  });

  it.each(['yes', '1', 'instock!', 'http://example.org/InStock', 'stock', 'maybe'])('refuses %j', (text) => {
    expect(result(parseAvailability(text))).toBe('unknown');
  });
});

describe('parseCondition', () => {
  it.each([
    ['new', 'new'],
    ['New', 'new'],
    ['NewCondition', 'new'],
    ['https://schema.org/NewCondition', 'new'],
    ['brand new', 'new'],
    ['used', 'used'],
    ['UsedCondition', 'used'],
    ['pre-owned', 'used'],
    ['second hand', 'used'],
    ['refurbished', 'refurbished'],
    ['RefurbishedCondition', 'refurbished'],
    ['renewed', 'refurbished'],
  ])('%j -> %s', (text, expected) => {
    expect(result(parseCondition(text))).toBe(expected);
  });

  it.each(['neu', 'mint', 'old', '1'])('refuses %j', (text) => {
    expect(result(parseCondition(text))).toBe('unknown');
  });
});

describe('parseQuantity', () => {
  it.each([
    ['0', 0],
    ['12', 12],
    [' 12 ', 12],
    ['007', 7],
    ['100.0000', 100],
    ['100.0', 100],
    ['999999999999999', 999999999999999],
  ])('%j -> %d', (text, expected) => {
    expect(result(parseQuantity(text))).toBe(expected);
  });

  it.each(['-1', '1.5', '100.', '1e3', '12 pcs', 'many', '+3', '1,000', '9999999999999999', ''])('refuses %j', (text) => {
    expect(result(parseQuantity(text))).toBe('invalid');
  });
});

describe('parseYesNo', () => {
  it.each([
    ['yes', true],
    ['Yes', true],
    ['TRUE', true],
    ['true', true],
    ['no', false],
    ['NO', false],
    ['false', false],
    [' no ', false],
  ])('%j -> %s', (text, expected) => {
    expect(result(parseYesNo(text))).toBe(expected);
  });

  it.each(['y', 'n', '1', '0', 'ja', ''])('refuses %j', (text) => {
    expect(result(parseYesNo(text))).toBe('invalid');
  });
});
