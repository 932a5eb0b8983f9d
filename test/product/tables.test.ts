import { describe, expect, it } from 'vitest';
import { currenciesOfSymbol, CURRENCY_CODES, isCurrencyCode } from '../../src/product/currency-codes.js';
import { DuplicateIds } from '../../src/product/duplicate-ids.js';
import { enumKey } from '../../src/product/enum-key.js';
import { numberLocale } from '../../src/product/number-locale.js';
import { parseGtin } from '../../src/product/gtin.js';

describe('currency codes', () => {
  it('lists only codes ICU knows, upper case, without duplicates', () => {
    // Codes ISO added after the ICU that Node 20 ships (VED: 2021).
    const icu = new Set([...Intl.supportedValuesOf('currency'), 'VED']);
    for (const code of CURRENCY_CODES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect(icu.has(code), code).toBe(true);
    }
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
  });

  it('accepts trading currencies and refuses metals, test codes and lower case', () => {
    for (const code of ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'KWD', 'INR', 'BRL', 'PLN', 'SEK']) expect(isCurrencyCode(code)).toBe(true);
    for (const code of ['XAU', 'XTS', 'XXX', 'usd', 'US', 'EURO', '']) expect(isCurrencyCode(code)).toBe(false);
  });

  it('maps symbols to the currencies they can denote, every one a known code', () => {
    expect(currenciesOfSymbol('€')).toEqual(['EUR']);
    expect(currenciesOfSymbol('$')).toContain('CAD');
    expect(currenciesOfSymbol('kr')).toEqual(['SEK', 'NOK', 'DKK', 'ISK']);
    expect(currenciesOfSymbol('toString')).toBeUndefined();
    expect(currenciesOfSymbol('X')).toBeUndefined();
    for (const symbol of ['€', '£', '$', '¥', 'kr', 'R$', 'zł']) {
      for (const code of currenciesOfSymbol(symbol) ?? []) expect(isCurrencyCode(code), code).toBe(true);
    }
  });
});

describe('numberLocale', () => {
  it.each([
    ['en-US', '.', ',', 3, '1,234.56'],
    ['de-DE', ',', '.', 3, '1.234,56'],
    ['fr-FR', ',', ' \u00a0\u202f', 3, '1\u202f234,56'],
    ['de-CH', '.', "'’", 3, "1'234.56"],
    ['en-IN', '.', ',', 2, '1,234.56'],
  ])('%s', (locale, decimal, groups, groupSize, example) => {
    expect(numberLocale(locale)).toEqual({ locale, decimal, groups, groupSize, example });
  });
});

describe('enumKey', () => {
  it.each([
    ['In Stock', 'instock'],
    ['in_stock', 'instock'],
    ['in-stock', 'instock'],
    ['  InStock ', 'instock'],
    ['https://schema.org/InStock', 'instock'],
    ['HTTP://SCHEMA.ORG/PreOrder', 'preorder'],
    ['http://example.org/InStock', 'http://example.org/instock'],
  ])('%j -> %s', (text, key) => {
    expect(enumKey(text)).toBe(key);
  });
});

describe('DuplicateIds', () => {
  it('returns the first row for every later occurrence', () => {
    const ids = new DuplicateIds();
    expect(ids.see('A', 2)).toBeUndefined();
    expect(ids.see('B', 3)).toBeUndefined();
    expect(ids.see('A', 4)).toBe(2);
    expect(ids.see('a', 5)).toBeUndefined();
    const [only, ...rest] = ids.finish();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ severity: 'warning', code: 'id.duplicate', id: 'A', row: 2, field: 'id' });
    expect(only.message).toContain('used again on row 4:');
  });

  it('reports nothing when every id is unique', () => {
    const ids = new DuplicateIds();
    for (let r = 2; r < 100; r++) ids.see(`id-${r}`, r);
    expect(ids.finish()).toEqual([]);
  });
});

describe('parseGtin advice', () => {
  it('points an ISBN-10 to its ISBN-13', () => {
    const r = parseGtin('0306406152');
    expect(!r.ok && r.fix).toContain('ISBN-13');
  });
});
