import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getPreset, PRESET_IDS } from '../../src/catalog/presets/index.js';
import type { RawRow } from '../../src/catalog/types.js';

/** Column names each preset reacts to, so random rows reach its special cases. */
const COLUMNS = [
  'id', 'title', 'g:price', 'Image Link', 'Handle', 'Title', 'Option1 Name', 'Option1 Value', 'Variant SKU', 'Variant Price',
  'Variant Compare At Price', 'Variant Inventory Tracker', 'Variant Inventory Qty', 'Image Src', 'ID', 'Type', 'SKU', 'Name',
  'Parent', 'Images', 'Regular price', 'Sale price', 'In stock?', 'Attribute 1 name', 'Attribute 1 value(s)', 'sku', 'name',
  'product_type', 'configurable_variations', 'additional_attributes', 'categories', 'category', 'base_image', 'url_key', 'qty',
  'store_view_code', 'price-EUR', 'name-en_US', 'weight', 'weight-unit', 'post_type', 'post_id', 'post_parent',
  'postmeta._sku', 'postmeta._price', 'postmeta._thumbnail_id', 'attachment_url', 'category.product_type',
];

const value = fc.oneof(
  fc.constantFrom('', 'variable', 'variation', 'configurable', 'simple', 'product_variation', 'attachment', 'Title', 'id:1', '1', '0', 'sku=A,size=S|sku=B', 'a=b,c', '__proto__=x', '/img.jpg'),
  fc.string({ maxLength: 12 }),
);

const rawRow = fc.record({
  row: fc.nat(),
  fields: fc.dictionary(fc.constantFrom(...COLUMNS), value).map((d) => Object.assign(Object.create(null), d) as Record<string, string>),
});

describe('presets never throw on odd rows', () => {
  it.each(PRESET_IDS)('%s', (id) => {
    fc.assert(
      fc.property(fc.array(rawRow, { maxLength: 6 }), fc.boolean(), (rows: RawRow[], withBase) => {
        const mapper = getPreset(id).create({ baseUrl: withBase ? 'https://shop.example.com' : undefined, columns: { title: 'name' } });
        for (const r of rows) mapper.prepass?.(r);
        for (const r of rows) {
          for (const out of mapper.map(r)) {
            expect(out.row).toBe(r.row);
            for (const v of Object.values(out.fields)) expect(typeof v).toBe('string');
          }
        }
        mapper.finish?.();
      }),
      { numRuns: 300 },
    );
  });
});
