import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrice } from '../../src/product/money.js';
import { formatAmount } from '../../src/product/money-format.js';
import { ShelfcastError } from '../../src/issues/issue.js';

const ok = (text: string, options = {}) => {
  const r = parsePrice(text, options);
  if (!r.ok) throw new Error(`refused ${JSON.stringify(text)}: ${r.code} ${r.reason}`);
  return r.value;
};
const code = (text: string, options = {}) => {
  const r = parsePrice(text, options);
  return r.ok ? `accepted ${r.value.amount} ${r.value.currency}` : r.code;
};

describe('parsePrice: en-US (default)', () => {
  it.each([
    ['12.99 USD', 1299, 'USD'],
    ['USD 12.99', 1299, 'USD'],
    ['12.99USD', 1299, 'USD'],
    ['  12.99 USD  ', 1299, 'USD'],
    ['12.9 USD', 1290, 'USD'],
    ['12 USD', 1200, 'USD'],
    ['0 USD', 0, 'USD'],
    ['0.01 USD', 1, 'USD'],
    ['1,234.56 USD', 123456, 'USD'],
    ['1,234,567.89 USD', 123456789, 'USD'],
    ['1,234 USD', 123400, 'USD'],
    ['1234.56 USD', 123456, 'USD'],
    ['12.99 usd', 1299, 'USD'],
    ['1500 JPY', 1500, 'JPY'],
    ['1,500 JPY', 1500, 'JPY'],
    ['1500.00 JPY', 1500, 'JPY'],
    ['1.234 KWD', 1234, 'KWD'],
    ['12.990 USD', 1299, 'USD'],
    ['€12.99', 1299, 'EUR'],
    ['£5', 500, 'GBP'],
    ['12.99 €', 1299, 'EUR'],
    ['R$ 10.50', 1050, 'BRL'],
  ])('%s -> %d %s', (text, amount, currency) => {
    expect(ok(text)).toEqual({ amount, currency });
  });

  it('uses the declared currency for a bare number', () => {
    expect(ok('12.99', { currency: 'USD' })).toEqual({ amount: 1299, currency: 'USD' });
    expect(ok('34', { currency: 'EUR' })).toEqual({ amount: 3400, currency: 'EUR' });
    expect(ok('1500', { currency: 'JPY' })).toEqual({ amount: 1500, currency: 'JPY' });
  });

  it('lets a written code win over the declared currency', () => {
    expect(ok('12.99 GBP', { currency: 'USD' })).toEqual({ amount: 1299, currency: 'GBP' });
  });

  it('refuses a bare number when no currency is declared', () => {
    expect(code('12.99')).toBe('currency_missing');
  });

  it('accepts $ only with a declared currency it denotes', () => {
    expect(ok('$12.99', { currency: 'USD' })).toEqual({ amount: 1299, currency: 'USD' });
    expect(ok('$12.99', { currency: 'CAD' })).toEqual({ amount: 1299, currency: 'CAD' });
    expect(ok('12.99 $', { currency: 'AUD' })).toEqual({ amount: 1299, currency: 'AUD' });
    expect(code('$12.99')).toBe('currency_ambiguous');
    expect(code('$12.99', { currency: 'EUR' })).toBe('currency_mismatch');
    expect(code('€12.99', { currency: 'USD' })).toBe('currency_mismatch');
    expect(code('¥1500')).toBe('currency_ambiguous');
    expect(ok('¥1500', { currency: 'JPY' })).toEqual({ amount: 1500, currency: 'JPY' });
  });

  it.each([
    ['-5', 'negative'],
    ['-5 USD', 'negative'],
    ['USD -5', 'negative'],
    ['-$5', 'negative'],
    ['\u22125 USD', 'negative'],
    ['NaN', 'invalid'],
    ['Infinity', 'invalid'],
    ['1e3 USD', 'invalid'],
    ['1E3', 'invalid'],
    ['0x10 USD', 'invalid'],
    ['+5 USD', 'invalid'],
    ['12.99 USD USD', 'invalid'],
    ['USD 12.99 USD', 'invalid'],
    ['12. USD', 'invalid'],
    ['.99 USD', 'invalid'],
    ['12 99 USD', 'invalid'],
    ['12-99 USD', 'invalid'],
    ['twelve', 'invalid'],
    ['12.99 dollars', 'invalid'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['12.999 USD', 'too_many_decimals'],
    ['12.5 JPY', 'too_many_decimals'],
    ['1.2345 KWD', 'too_many_decimals'],
    ['12.99 XYZ', 'currency_unknown'],
    ['12.99 ABC', 'currency_unknown'],
    ['12.99 XAU', 'currency_unknown'],
    ['12,99 USD', 'ambiguous'],
    ['1,23 USD', 'ambiguous'],
    ['1.234,56 USD', 'ambiguous'],
    ['1,2345 USD', 'ambiguous'],
    ['1234,567.00 USD', 'ambiguous'],
    ['1,,234 USD', 'ambiguous'],
    ['1.2.3 USD', 'ambiguous'],
    ['12.34.56 USD', 'ambiguous'],
    ['1,234,56 USD', 'ambiguous'],
    ['10000000000000 USD', 'too_large'],
  ])('refuses %j (%s)', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  it('keeps the largest exact amounts', () => {
    expect(ok('9999999999999 JPY')).toEqual({ amount: 9999999999999, currency: 'JPY' });
    expect(ok('9999999999999.99 USD').amount).toBe(999999999999999);
  });

  it('explains what to write', () => {
    const r = parsePrice('12,99 USD');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain('en-US');
      expect(r.fix).toContain('catalog.locale');
    }
  });
});

describe('parsePrice: comma-decimal locales', () => {
  it.each([
    ['de-DE', '1.234,56', 123456],
    ['de-DE', '1.234,56 €', 123456],
    ['de-DE', '12,99 €', 1299],
    ['de-DE', '12,99 EUR', 1299],
    ['de-DE', 'EUR 12,99', 1299],
    ['de-DE', '12,9', 1290],
    ['de-DE', '12', 1200],
    ['de-DE', '1.234', 123400],
    ['de-DE', '1.234.567,89', 123456789],
    ['fr-FR', '1 234,56 €', 123456],
    ['fr-FR', '1\u00a0234,56 €', 123456],
    ['fr-FR', '1\u202f234,56', 123456],
    ['fr-FR', '12,99 €', 1299],
    ['es-ES', '1.234,56', 123456],
    ['es-ES', '12,99 €', 1299],
    ['it-IT', '1.234,56 EUR', 123456],
    ['nl-NL', '€ 12,99', 1299],
    ['pt-BR', 'R$ 1.234,56', 123456],
  ])('%s %j', (locale, text, amount) => {
    const currency = text.includes('R$') ? 'BRL' : 'EUR';
    expect(ok(text, { locale, currency })).toEqual({ amount, currency });
  });

  it('reads the symbol without a declared currency when it denotes one currency', () => {
    expect(ok('12,99 €', { locale: 'de-DE' })).toEqual({ amount: 1299, currency: 'EUR' });
  });

  it.each([
    ['de-DE', '12.99'],
    ['de-DE', '1,234.56'],
    ['de-DE', '1.23'],
    ['de-DE', '1,2,3'],
    ['fr-FR', '12.99'],
    ['fr-FR', '1 23,45'],
    ['es-ES', '1,234.56'],
  ])('%s refuses %j as ambiguous', (locale, text) => {
    expect(code(text, { locale, currency: 'EUR' })).toBe('ambiguous');
  });

  it('refuses too many decimals with a decimal comma', () => {
    expect(code('12,999 €', { locale: 'de-DE' })).toBe('too_many_decimals');
  });

  it('shows the locale form in its advice', () => {
    const r = parsePrice('12.99', { locale: 'de-DE', currency: 'EUR' });
    expect(!r.ok && r.fix).toContain('1.234,56');
  });
});

describe('parsePrice: other locales', () => {
  it('reads apostrophe thousands in de-CH', () => {
    expect(ok("1'234.56 CHF", { locale: 'de-CH' })).toEqual({ amount: 123456, currency: 'CHF' });
    expect(ok('1’234.56 CHF', { locale: 'de-CH' })).toEqual({ amount: 123456, currency: 'CHF' });
  });

  it('reads Indian grouping in en-IN', () => {
    expect(ok('12,34,567.50 INR', { locale: 'en-IN' })).toEqual({ amount: 123456750, currency: 'INR' });
    expect(ok('₹1,234', { locale: 'en-IN' })).toEqual({ amount: 123400, currency: 'INR' });
    expect(code('123,456 INR', { locale: 'en-IN' })).toBe('ambiguous');
  });

  it('throws a ShelfcastError for a locale that is no BCP 47 tag', () => {
    expect(() => parsePrice('1', { locale: 'en_US!' })).toThrow(ShelfcastError);
  });
});

describe('formatAmount', () => {
  /** The padded-string form, for every currency: what the 2-digit fast path must equal. */
  const reference = (amount: number, digits: number): string => {
    const abs = String(Math.abs(amount)).padStart(digits + 1, '0');
    const whole = digits === 0 ? abs : abs.slice(0, abs.length - digits);
    return `${amount < 0 ? '-' : ''}${whole}${digits === 0 ? '' : `.${abs.slice(abs.length - digits)}`}`;
  };
  it('writes minor units as the padded string does, around every boundary (property)', () => {
    const amount = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger().map((n) => n - (n % 7)), fc.constantFrom(0, 5, 99, 100, 101, 999_999_999_999, 1e12, 1e12 + 1, -1e12, Number.MAX_SAFE_INTEGER));
    fc.assert(
      fc.property(amount, fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'), (n, currency) => {
        expect(formatAmount({ amount: n, currency })).toBe(reference(n, currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2));
      }),
    );
  });
});
