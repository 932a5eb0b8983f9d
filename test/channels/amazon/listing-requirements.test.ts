import { describe, expect, it } from 'vitest';
import { columnValues, missingBuilt } from '../../../src/channels/amazon/listing-requirements.js';
import { newProduct } from '../../../src/product/product.js';

const opts = { gtin_exemption: false, attribute_defaults: {} as Record<string, string> };
const item = (extra: Record<string, string> = {}) => newProduct('SKU-1', extra);

describe('Amazon listing requirements', () => {
  it('name the product type and the column in each missing column attribute, per type (kept per definition, never mixed)', () => {
    // Asked alternately, as feeds of several product types ask item after item.
    for (let i = 0; i < 2; i++) {
      const home = columnValues(item(), 'HOME', opts).missing.find((m) => m.attribute === 'item_type_keyword')!;
      expect(home).toEqual({
        attribute: 'item_type_keyword',
        column: 'item_type_keyword',
        message: 'No item_type_keyword: product type HOME requires it, so the item was left out.',
        fix: 'Fill in the catalog column item_type_keyword, or set options.attribute_defaults.item_type_keyword for every item of the feed.',
      });
      const shirt = columnValues(item(), 'SHIRT', opts).missing.find((m) => m.attribute === 'item_type_keyword')!;
      expect(shirt.message).toBe('No item_type_keyword: product type SHIRT requires it (as every product type does), so the item was left out.');
    }
  });

  it('take a column attribute from the catalog or the feed defaults, with its entry shape', () => {
    const filled = columnValues(item({ item_type_keyword: ' chairs ', country_of_origin: 'DE' }), 'HOME', { ...opts, attribute_defaults: { supplier_declared_dg_hz_regulation: 'not_applicable' } });
    expect(filled.missing).toEqual([]);
    expect(filled.values).toContainEqual({ attribute: 'item_type_keyword', value: 'chairs', valueKey: 'value', language: false });
    expect(filled.values).toContainEqual({ attribute: 'supplier_declared_dg_hz_regulation', value: 'not_applicable', valueKey: 'value', language: false });
  });

  it('list the built attributes an item lacks, with the fix that fits each', () => {
    const lacking = missingBuilt('FURNITURE', new Set(['item_name', 'brand', 'bullet_point']));
    expect(lacking.map((m) => m.attribute)).toEqual(['fabric_type', 'product_description']);
    expect(lacking[0]).toEqual({
      attribute: 'fabric_type',
      column: 'fabric_type (or material)',
      message: 'No fabric_type: product type FURNITURE requires it, so the item was left out.',
      fix: 'Fill in fabric_type (or material), or set options.attribute_defaults.fabric_type for every item of the feed.',
    });
    expect(lacking[1]!.fix).toBe('Fill in description.');
    expect(missingBuilt('FURNITURE', new Set(['item_name', 'brand', 'bullet_point', 'fabric_type', 'product_description']))).toEqual([]);
  });
});
