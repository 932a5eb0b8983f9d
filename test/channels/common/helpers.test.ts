import { describe, expect, it } from 'vitest';
import {
  identifiersFor,
  imageExtension,
  itemIssues,
  limitText,
  normalizeAgeGroup,
  normalizeGender,
  plainText,
  requireFields,
  requireOneOf,
  shippingEntries,
  spellAvailability,
  splitVariants,
  variantTitle,
  GOOGLE_AGE_GROUPS,
} from '../../../src/channels/common/index.js';
import { NOW, product, target } from '../map-helpers.js';

const out = () => itemIssues('chan', { id: 'p1' }, { feed: target(), row: 9, now: NOW });

describe('channel helpers', () => {
  it('limitText cuts at a word boundary and warns with both lengths', () => {
    const o = out();
    expect(limitText('alpha beta gamma delta', 13, 'title', o)).toBe('alpha beta');
    expect(limitText('short', 13, 'title', o)).toBe('short');
    expect(limitText(undefined, 13, 'title', o)).toBeUndefined();
    expect(o.list).toEqual([expect.objectContaining({ severity: 'warning', code: 'chan.title.too_long', field: 'title', row: 9, id: 'p1', feed: 'test-feed' })]);
    expect(o.list[0]!.message).toContain('22');
    expect(o.failed).toBe(false);
  });

  it('plainText keeps paragraph breaks and decodes entities once', () => {
    expect(plainText('<p>A &amp;amp; B</p><p>C<br>D</p>')).toBe('A &amp; B\n\nC\nD');
    expect(plainText('no html')).toBe('no html');
    expect(plainText('<p></p>')).toBeUndefined();
  });

  it('requireFields and requireOneOf report missing fields as errors', () => {
    const o = out();
    expect(requireFields({ a: 'x', b: '', c: [] }, ['a', 'b', 'c', 'd'], o)).toBe(false);
    expect(o.list.map((i) => i.code)).toEqual(['chan.b.missing', 'chan.c.missing', 'chan.d.missing']);
    const o2 = out();
    expect(requireOneOf({ mpn: 'x' }, ['brand', 'gtin', 'mpn'], o2)).toBe(true);
    expect(requireOneOf({}, ['brand', 'gtin', 'mpn'], o2)).toBe(false);
    expect(o2.list.map((i) => i.code)).toEqual(['chan.brand.missing']);
  });

  it('spells availability per channel family', () => {
    expect(spellAvailability('in_stock', 'google')).toBe('in_stock');
    expect(spellAvailability('in_stock', 'meta')).toBe('in stock');
    expect(spellAvailability('backorder', 'meta')).toBe('available for order');
    expect(spellAvailability(undefined, 'meta')).toBeUndefined();
  });

  it('identifiersFor follows gtin / brand+mpn / identifier_exists=no', () => {
    expect(identifiersFor(product(), 'exclude', out())).toEqual({ gtin: '4006381333931', brand: 'Northwind' });
    const o = out();
    expect(identifiersFor(product({ gtin: undefined }), 'allow', o)).toEqual({ brand: 'Northwind' });
    expect(o.list).toEqual([]);
  });

  it('normalises gender and age group spellings', () => {
    expect(['Women', "men's", 'UNISEX', 'x'].map(normalizeGender)).toEqual(['female', 'male', 'unisex', undefined]);
    expect(normalizeAgeGroup('Adults', GOOGLE_AGE_GROUPS)).toBe('adult');
    expect(normalizeAgeGroup('teen', GOOGLE_AGE_GROUPS)).toBeUndefined();
  });

  it('splitVariants gives one product per listed variant with distinct titles', () => {
    const variants = splitVariants(product({ id: 'tee', title: 'Tee', color: 'Red|Blue', size: 'S | M' }));
    expect(variants.map((v) => [v.id, v.title, v.item_group_id])).toEqual([
      ['tee-red-s', 'Tee - Red / S', 'tee'],
      ['tee-red-m', 'Tee - Red / M', 'tee'],
      ['tee-blue-s', 'Tee - Blue / S', 'tee'],
      ['tee-blue-m', 'Tee - Blue / M', 'tee'],
    ]);
    expect(splitVariants(product({ title: 'Tee', item_group_id: 'g', color: 'Red', size: '10,5' })).map((v) => v.title)).toEqual(['Tee - Red / 10,5']);
    expect(variantTitle(product({ title: 'Red Tee', item_group_id: 'g', color: 'red', size: 'S' }))).toBe('Red Tee - S');
    expect(variantTitle(product({ title: 'Tee', color: 'Red' }))).toBe('Tee');
  });

  it('imageExtension reads the URL path only', () => {
    expect(imageExtension('https://a/x/photo.JPG?v=2#top')).toBe('jpg');
    expect(imageExtension('https://a/image/123?format=png')).toBeUndefined();
    expect(imageExtension('not a url/file.png')).toBe('png');
  });

  it('shippingEntries keeps positions and drops entries in another currency', () => {
    const o = out();
    const entries = shippingEntries(
      product({ shipping: [{ country: 'US', price: { amount: 500, currency: 'USD' } }, { country: 'CA', price: { amount: 1, currency: 'CAD' } }] }),
      'USD',
      o,
    );
    expect(entries).toEqual([{ country: 'US', region: '', service: '', price: '5.00 USD' }]);
    expect(o.list.map((i) => i.code)).toEqual(['chan.shipping.currency_mismatch']);
  });

  it('shippingEntries drops rows without a price and writes times only when asked', () => {
    const o = out();
    const p = product({ shipping: [{ country: 'US' }, { country: 'US', postal_code: '80302', price: { amount: 0, currency: 'USD' }, max_transit_time: 4 }] });
    expect(shippingEntries(p, 'USD', o)).toEqual([
      { country: 'US', postal_code: '80302', service: '', price: '0.00 USD', min_handling_time: '', max_handling_time: '', min_transit_time: '', max_transit_time: '4' },
    ]);
    expect(o.list.map((i) => i.code)).toEqual(['chan.shipping.missing_price']);
    expect(shippingEntries(p, 'USD', out(), { times: false })).toEqual([{ country: 'US', postal_code: '80302', service: '', price: '0.00 USD' }]);
  });
});
