import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/product/id-table.js';

describe('IdTable', () => {
  it('answers like a Map of first rows, for any ids (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('SKU-1', 'SKU-1 ', 'sku-1', '')), { maxLength: 400 }), (ids) => {
        const table = new IdTable();
        const model = new Map<string, number>();
        ids.forEach((id, row) => {
          const expected = model.get(id);
          if (expected === undefined) model.set(id, row);
          expect(table.firstOrAdd(id, row)).toBe(expected);
        });
        expect(table.size).toBe(model.size);
      }),
    );
  });

  it('keeps 200,000 ids through every growth of its arrays', () => {
    const table = new IdTable();
    for (let i = 0; i < 200_000; i++) expect(table.firstOrAdd(`SKU-${i}-${i % 4}`, i + 2)).toBeUndefined();
    for (let i = 0; i < 200_000; i += 997) expect(table.firstOrAdd(`SKU-${i}-${i % 4}`, 0)).toBe(i + 2);
    expect(table.firstOrAdd('x'.repeat(5000), 1)).toBeUndefined();
    expect(table.firstOrAdd('x'.repeat(5000), 2)).toBe(1);
  });
});
