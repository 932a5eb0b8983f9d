import { describe, expect, it } from 'vitest';
import { itemIssues, parseAmount, priceForFeed } from '../../../src/channels/common/index.js';
import { NOW, product, target } from '../map-helpers.js';

const ctx = { feed: target({ currency: 'EUR' }), row: 3, now: NOW };

describe('parseAmount', () => {
  it('reads amounts exactly in minor units', () => {
    expect(parseAmount('12.99', 'USD')).toEqual({ amount: 1299, currency: 'USD' });
    expect(parseAmount('12,9', 'EUR')).toEqual({ amount: 1290, currency: 'EUR' });
    expect(parseAmount('1,299.00 USD', 'USD')).toEqual({ amount: 129900, currency: 'USD' });
    expect(parseAmount('1.299,50', 'EUR')).toEqual({ amount: 129950, currency: 'EUR' });
    expect(parseAmount('1500', 'JPY')).toEqual({ amount: 1500, currency: 'JPY' });
    expect(parseAmount('0.1', 'USD')).toEqual({ amount: 10, currency: 'USD' });
  });
  it('rejects text, too many decimals and empty values', () => {
    for (const bad of ['', 'abc', '12.999', '1.5', '12..9', '.', '.5', '12.']) expect(parseAmount(bad, bad === '1.5' ? 'JPY' : 'USD'), bad).toBeUndefined();
  });
});

describe('priceForFeed', () => {
  it('uses a price column for the feed currency, in any of the documented spellings', () => {
    for (const key of ['price_EUR', 'price EUR', 'Price-eur']) {
      const out = itemIssues('x', { id: 'a' }, ctx);
      expect(priceForFeed(product({ extra: { [key]: '9.50' } }), ctx.feed, out)?.price).toEqual({ amount: 950, currency: 'EUR' });
      expect(out.list).toEqual([]);
    }
  });
  it('keeps a sale price only with its own column, warning otherwise', () => {
    const out = itemIssues('x', { id: 'a' }, ctx);
    const p = product({ sale_price: { amount: 3999, currency: 'USD' }, extra: { price_EUR: '45.00' } });
    expect(priceForFeed(p, ctx.feed, out)).toEqual({ price: { amount: 4500, currency: 'EUR' } });
    expect(out.list.map((i) => i.code)).toEqual(['x.sale_price.currency_mismatch']);
    const out2 = itemIssues('x', { id: 'a' }, ctx);
    const withSale = priceForFeed({ ...p, sale_price_effective_date: '2026-01-01/2026-01-02', extra: { price_EUR: '45.00', sale_price_EUR: '40' } }, ctx.feed, out2);
    expect(withSale).toEqual({ price: { amount: 4500, currency: 'EUR' }, sale_price: { amount: 4000, currency: 'EUR' }, sale_price_effective_date: '2026-01-01T00:00:00+00:00/2026-01-02T23:59:59+00:00' });
  });
  it('excludes with <channel>.currency.mismatch, naming feed, id, row and the price field', () => {
    const out = itemIssues('meta', { id: 'a' }, ctx);
    expect(priceForFeed(product(), ctx.feed, out)).toBeUndefined();
    expect(out.list).toEqual([expect.objectContaining({ severity: 'error', code: 'meta.currency.mismatch', feed: 'test-feed', id: 'a', row: 3, field: 'price' })]);
    expect(out.failed).toBe(true);
  });
});
