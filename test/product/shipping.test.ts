import { describe, expect, it } from 'vitest';
import { parseShipping } from '../../src/product/shipping.js';

const parse = (text: string, options = {}) => {
  const r = parseShipping(text, options);
  return r.ok ? r.value : r.code;
};

describe('parseShipping', () => {
  it('reads country:region:service:price', () => {
    expect(parse('US:CA:Overnight:16.00 USD')).toEqual([
      { country: 'US', region: 'CA', service: 'Overnight', price: { amount: 1600, currency: 'USD' } },
    ]);
  });

  it('leaves empty parts out and reads a digit-bearing region as a postal code', () => {
    expect(parse('de::Standard:4.95 EUR')).toEqual([{ country: 'DE', service: 'Standard', price: { amount: 495, currency: 'EUR' } }]);
    expect(parse('US:80302::0 USD')).toEqual([{ country: 'US', postal_code: '80302', price: { amount: 0, currency: 'USD' } }]);
    expect(parse('US:80*:Ground:5 USD')).toEqual([
      { country: 'US', postal_code: '80*', service: 'Ground', price: { amount: 500, currency: 'USD' } },
    ]);
  });

  it('reads handling and transit days', () => {
    expect(parse('US:CA:Overnight:16.00 USD:1:2:3:5')).toEqual([
      {
        country: 'US',
        region: 'CA',
        service: 'Overnight',
        price: { amount: 1600, currency: 'USD' },
        min_handling_time: 1,
        max_handling_time: 2,
        min_transit_time: 3,
        max_transit_time: 5,
      },
    ]);
  });

  it('splits entries at a comma that starts a new country', () => {
    expect(parse('US:CA:Overnight:16.00 USD, US:NY:Ground:5.00 USD')).toEqual([
      { country: 'US', region: 'CA', service: 'Overnight', price: { amount: 1600, currency: 'USD' } },
      { country: 'US', region: 'NY', service: 'Ground', price: { amount: 500, currency: 'USD' } },
    ]);
  });

  it('keeps decimal commas inside a price (comma-decimal locales)', () => {
    expect(parse('DE::Standard:4,95 EUR,AT::Standard:9,95 EUR', { locale: 'de-DE' })).toEqual([
      { country: 'DE', service: 'Standard', price: { amount: 495, currency: 'EUR' } },
      { country: 'AT', service: 'Standard', price: { amount: 995, currency: 'EUR' } },
    ]);
    expect(parse('DE::Standard:1.234,50', { locale: 'de-DE', currency: 'EUR' })).toEqual([
      { country: 'DE', service: 'Standard', price: { amount: 123450, currency: 'EUR' } },
    ]);
  });

  it('ignores a trailing comma', () => {
    expect(parse('US:CA:Overnight:16.00 USD, ')).toEqual([
      { country: 'US', region: 'CA', service: 'Overnight', price: { amount: 1600, currency: 'USD' } },
    ]);
  });

  it('uses the declared currency for a bare price', () => {
    expect(parse('GB:::3.50', { currency: 'GBP' })).toEqual([{ country: 'GB', price: { amount: 350, currency: 'GBP' } }]);
  });

  it.each([
    ['US:CA:16.00 USD', 'invalid'],
    ['US', 'invalid'],
    ['US:CA:Overnight:16.00 USD:1:2', 'invalid'],
    ['USA:CA:Overnight:16.00 USD', 'country'],
    ['1:CA:Overnight:16.00 USD', 'country'],
    ['::Overnight:16.00 USD', 'country'],
    ['US:CA:Overnight:', 'price'],
    ['US:CA:Overnight:free', 'price'],
    ['US:CA:Overnight:-5 USD', 'price'],
    ['US:CA:Overnight:16.00', 'price'],
    ['US:CA:Overnight:16.00 USD:2:1:3:5', 'days'],
    ['US:CA:Overnight:16.00 USD:1:2:5:3', 'days'],
    ['US:CA:Overnight:16.00 USD:1:2:x:3', 'days'],
  ])('refuses %j (%s)', (text, code) => {
    expect(parse(text)).toBe(code);
  });

  it('names the price problem', () => {
    const r = parseShipping('US:CA:Overnight:16,00 USD', {});
    expect(!r.ok && r.reason).toContain('16,00 USD');
  });
});
