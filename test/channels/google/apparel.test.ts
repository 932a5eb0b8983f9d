import { describe, expect, it } from 'vitest';
import google from '../../../src/channels/google/index.js';
import microsoft from '../../../src/channels/microsoft/index.js';
import { apparelRequirements } from '../../../src/channels/google/apparel.js';
import { codes, mapOne, product, target } from '../map-helpers.js';

const TEE = { google_product_category: 'Apparel & Accessories > Clothing > Shirts & Tops', color: 'Navy', size: 'M', gender: 'male', age_group: 'adult' };

describe("Google's apparel requirements", () => {
  it('by category: 166 and descendants need color, gender, age_group; Clothing and Shoes also size; exempt sub-categories only color', () => {
    expect(apparelRequirements('212')).toEqual(['color', 'gender', 'age_group', 'size']); // Shirts & Tops, by id
    expect(apparelRequirements('Apparel & Accessories > Shoes')).toEqual(['color', 'gender', 'age_group', 'size']);
    expect(apparelRequirements('166')).toEqual(['color', 'gender', 'age_group']);
    expect(apparelRequirements('Apparel & Accessories > Handbags, Wallets & Cases > Handbags')).toEqual(['color', 'gender', 'age_group']);
    expect(apparelRequirements('5123')).toEqual(['color']); // Watch Bands
    expect(apparelRequirements('193')).toEqual(['color', 'gender']); // Cufflinks: optional on the age_group page only
    expect(apparelRequirements('Home & Garden > Kitchen & Dining')).toEqual([]);
    expect(apparelRequirements('Sporting Goods')).toEqual([]);
    expect(apparelRequirements(undefined)).toEqual([]);
    expect(apparelRequirements('not a category')).toEqual([]);
  });

  it('a complete apparel item for the US is published with its attributes', () => {
    const { one, issues } = mapOne(google, product(TEE));
    expect(issues).toEqual([]);
    expect(one).toMatchObject({ color: 'Navy', size: 'M', gender: 'male', age_group: 'adult', google_product_category: '212' });
  });

  it.each(['US', 'GB', 'UK', 'DE', 'FR', 'JP', 'BR'])('in %s an apparel item without them is left out, one error per field with a fix', (country) => {
    const r = mapOne(google, product({ google_product_category: '212' }), target({ country }));
    expect(r.one).toBeUndefined();
    expect(codes(r)).toEqual(['google.color.apparel_missing', 'google.gender.apparel_missing', 'google.age_group.apparel_missing', 'google.size.apparel_missing']);
    for (const issue of r.issues) {
      expect(issue).toMatchObject({ severity: 'error', row: 7, id: 'sku-1', feed: 'test-feed' });
      expect(issue.message).toContain(country);
      expect(issue.fix).toMatch(/column/);
    }
    expect(r.issues.find((i) => i.field === 'gender')!.fix).toContain('set: { field: gender');
  });

  it('outside those countries the same item is published', () => {
    const r = mapOne(google, product({ google_product_category: '212' }), target({ country: 'IT', currency: 'EUR', language: 'it' }));
    expect(codes(r).filter((c) => c.includes('apparel'))).toEqual([]);
  });

  it('a gender or age_group Google does not know counts as missing (warning for the value, error for the requirement)', () => {
    const r = mapOne(google, product({ ...TEE, gender: 'robot', age_group: 'all ages' }));
    expect(r.one).toBeUndefined();
    expect(codes(r)).toEqual(expect.arrayContaining(['google.gender.invalid', 'google.gender.apparel_missing', 'google.age_group.invalid', 'google.age_group.apparel_missing']));
  });

  it('a shop spelling of gender (Men) satisfies the requirement', () => {
    expect(mapOne(google, product({ ...TEE, gender: 'Men' })).one).toMatchObject({ gender: 'male' });
  });

  it('items outside apparel need none of them', () => {
    expect(mapOne(google, product({ google_product_category: 'Home & Garden' })).issues).toEqual([]);
  });

  it("Microsoft lists gender, age_group, color and size as optional, so it keeps the item", () => {
    const r = mapOne(microsoft, product({ google_product_category: '212' }));
    expect(r.one).toBeDefined();
    expect(codes(r).filter((c) => c.includes('apparel'))).toEqual([]);
  });
});
