import { describe, expect, it } from 'vitest';
import type { MappedRow } from '../../src/catalog/types.js';
import { createValidator } from '../../src/product/validate.js';

const row = (extra: Record<string, string>, r = 2): MappedRow => ({ row: r, fields: { id: 'SKU-1', title: 'Shirt', price: '10.00 USD' }, extra });

describe('country columns checked against ISO 3166-1', () => {
  it('"UK" is left out with a warning naming row, field, value and the GB fix; the item stays', () => {
    const out = createValidator().validate(row({ country_of_origin: 'UK', material: 'cotton' }, 7));
    expect(out.item).toBeDefined();
    expect(out.item!.product.extra).toEqual({ material: 'cotton' });
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0]).toMatchObject({ severity: 'warning', code: 'country_of_origin.country_unknown', row: 7, id: 'SKU-1', field: 'country_of_origin' });
    expect(out.issues[0]!.message).toBe('country_of_origin "UK" is not an ISO 3166-1 alpha-2 country code; the field is left out, the item stays. Did you mean GB? Write GB in the country_of_origin column.');
  });

  it('two letters that are not an assigned code (XX), and three-letter codes, get the generic fix', () => {
    for (const code of ['XX', 'USA']) {
      const out = createValidator().validate(row({ ships_from_country: code }));
      expect(out.item!.product.extra.ships_from_country).toBeUndefined();
      expect(out.issues[0]!.code).toBe('ships_from_country.country_unknown');
      expect(out.issues[0]!.fix).toBe('Write an assigned ISO 3166-1 alpha-2 code in the ships_from_country column, such as US, GB or DE.');
    }
  });

  it('assigned codes pass; lower case and spaces are tidied without a warning', () => {
    const out = createValidator().validate(row({ country: 'de', country_of_origin: ' US ', ships_from_country: 'GB' }));
    expect(out.issues).toEqual([]);
    expect(out.item!.product.extra).toEqual({ country: 'DE', country_of_origin: 'US', ships_from_country: 'GB' });
  });

  it('a mapped column (catalog: columns) lands in extra and is checked the same way; other rows keep their own extra', () => {
    const shared = { origin: 'x' };
    const v = createValidator();
    const bad = v.validate({ row: 3, fields: { id: 'A', title: 'T', price: '1.00 USD', country_of_origin: 'EL' }, extra: shared });
    expect(bad.issues.map((i) => i.code)).toEqual(['field.unsupported', 'country_of_origin.country_unknown']);
    expect(bad.issues[1]!.fix).toContain('Did you mean GR?');
    expect(bad.item!.product.extra).toEqual({ origin: 'x' });
    expect(shared).toEqual({ origin: 'x' });
  });
});
