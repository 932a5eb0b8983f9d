import { describe, expect, it } from 'vitest';
import google from '../../../src/channels/google/index.js';
import microsoft from '../../../src/channels/microsoft/index.js';
import { requiredApparelFields, resolveGoogleCategory } from '../../../src/channels/common/index.js';
import { codes, mapOne, product, target } from '../map-helpers.js';

const TEES = '212'; // Apparel & Accessories > Clothing > Shirts & Tops
const dressed = { color: 'Navy', gender: 'male', age_group: 'adult', size: 'M' };

describe('Google apparel attributes (color, gender, age_group; size for Clothing and Shoes)', () => {
  it('leaves out a US shirt without them, one error per field, each with a fix', () => {
    const r = mapOne(google, product({ google_product_category: TEES }));
    expect(r.record).toBeUndefined();
    expect(codes(r)).toEqual(['google.color.missing', 'google.gender.missing', 'google.age_group.missing', 'google.size.missing']);
    for (const issue of r.issues) {
      expect(issue.severity).toBe('error');
      expect(issue.message).toContain('Apparel & Accessories > Clothing > Shirts & Tops (212) in US');
      expect(issue.fix).toMatch(/column/);
    }
  });

  it('publishes it once they are there, by id or by full path', () => {
    for (const category of [TEES, 'Apparel & Accessories > Clothing > Shirts & Tops']) {
      const r = mapOne(google, product({ google_product_category: category, ...dressed }));
      expect(codes(r)).toEqual([]);
      expect(r.one).toMatchObject({ google_product_category: '212', color: 'Navy', gender: 'male', age_group: 'adult', size: 'M' });
    }
  });

  it('reads catalog spellings (Men, Adult) before it checks', () => {
    const r = mapOne(google, product({ google_product_category: TEES, ...dressed, gender: 'Men', age_group: 'Adult' }));
    expect(codes(r)).toEqual([]);
    expect(r.one).toMatchObject({ gender: 'male', age_group: 'adult' });
  });

  it('an invalid gender is left out and then counts as missing', () => {
    const r = mapOne(google, product({ google_product_category: TEES, ...dressed, gender: 'robot' }));
    expect(codes(r)).toEqual(['google.gender.invalid', 'google.gender.missing']);
    expect(r.record).toBeUndefined();
  });

  it('requires no size outside Clothing and Shoes (handbags) and no gender/age_group for keychains', () => {
    const bag = mapOne(google, product({ google_product_category: 'Apparel & Accessories > Handbags, Wallets & Cases > Handbags', color: 'Black', gender: 'female', age_group: 'adult' }));
    expect(codes(bag)).toEqual([]);
    expect(requiredApparelFields(resolveGoogleCategory('175'), 'US')).toEqual(['color']);
    expect(requiredApparelFields(resolveGoogleCategory('187'), 'DE')).toEqual(['color', 'gender', 'age_group', 'size']);
    // A descendant of Shoes inherits the size requirement.
    const sneakers = resolveGoogleCategory('Apparel & Accessories > Shoes')!;
    expect(requiredApparelFields(sneakers, 'JP')).toContain('size');
  });

  it('answers per category and country, the same on every call (the answer is kept, and frozen)', () => {
    // Asked alternately, as feeds of two countries ask it item after item: each keeps its own answer.
    for (let i = 0; i < 3; i++) {
      expect(requiredApparelFields(resolveGoogleCategory('175'), 'US')).toEqual(['color']);
      expect(requiredApparelFields(resolveGoogleCategory('175'), 'CA')).toEqual([]);
      expect(requiredApparelFields(resolveGoogleCategory('187'), 'DE')).toEqual(['color', 'gender', 'age_group', 'size']);
      expect(requiredApparelFields(resolveGoogleCategory('175'), 'DE')).toEqual(['color']);
    }
    const kept = requiredApparelFields(resolveGoogleCategory('187'), 'US');
    expect(requiredApparelFields(resolveGoogleCategory('187'), 'US')).toBe(kept);
    expect(Object.isFrozen(kept)).toBe(true);
  });

  it('applies in BR, FR, DE, JP, GB and US only, and never outside Apparel & Accessories', () => {
    for (const country of ['BR', 'FR', 'DE', 'JP', 'GB', 'US']) expect(requiredApparelFields(resolveGoogleCategory(TEES), country)).toHaveLength(4);
    for (const country of ['CA', 'AU', 'IT', undefined]) expect(requiredApparelFields(resolveGoogleCategory(TEES), country)).toEqual([]);
    expect(requiredApparelFields(resolveGoogleCategory('Home & Garden > Kitchen & Dining'), 'US')).toEqual([]);
    expect(requiredApparelFields(undefined, 'US')).toEqual([]);
    const ca = mapOne(google, product({ google_product_category: TEES }), target({ country: 'CA', currency: 'CAD', options: {} }));
    expect(codes(ca).filter((c) => /color|gender|age_group|size/.test(c))).toEqual([]);
  });

  it('Microsoft does not require them (its feed spec lists them as optional)', () => {
    const r = mapOne(microsoft, product({ google_product_category: TEES }));
    expect(codes(r)).toEqual([]);
    expect(r.one).toBeDefined();
  });
});
