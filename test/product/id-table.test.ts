import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { IdTable } from '../../src/product/id-table.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'id-table-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const anyIds = fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('SKU-1', 'SKU-1 ', 'sku-1', '')), { maxLength: 400 });

/** Feeds `ids` (row = position) to the table and to a Map, and expects the same answer for each. */
function sameAsMap(table: IdTable, ids: string[]): void {
  const model = new Map<string, number>();
  ids.forEach((id, row) => {
    const expected = model.get(id);
    if (expected === undefined) model.set(id, row);
    expect(table.firstOrAdd(id, row)).toBe(expected);
  });
  expect(table.size).toBe(model.size);
}

describe('IdTable', () => {
  it('answers like a Map of first rows, for any ids (property)', () => {
    fc.assert(fc.property(anyIds, (ids) => sameAsMap(new IdTable(), ids)));
  });

  it('answers like a Map when most ids are in runs on disk (property)', () => {
    fc.assert(
      fc.property(anyIds, fc.integer({ min: 1, max: 40 }), (ids, memoryIds) => {
        const table = new IdTable({ memoryIds, dir });
        sameAsMap(table, ids);
        table.close();
      }),
    );
  });

  it('keeps 200,000 ids through every growth of its arrays', () => {
    const table = new IdTable();
    for (let i = 0; i < 200_000; i++) expect(table.firstOrAdd(`SKU-${i}-${i % 4}`, i + 2)).toBeUndefined();
    for (let i = 0; i < 200_000; i += 997) expect(table.firstOrAdd(`SKU-${i}-${i % 4}`, 0)).toBe(i + 2);
    expect(table.firstOrAdd('x'.repeat(5000), 1)).toBeUndefined();
    expect(table.firstOrAdd('x'.repeat(5000), 2)).toBe(1);
    table.close();
  });

  it('finds every one of 200,000 ids in 200 runs on disk, and no id it was not given', () => {
    // 200,000 32-bit hashes share a few values between distinct ids: the byte check tells them apart.
    const table = new IdTable({ memoryIds: 1000, dir });
    const wrong: string[] = [];
    for (let i = 0; i < 200_000; i++) if (table.firstOrAdd(`SKU-${i}`, i + 2) !== undefined) wrong.push(`new SKU-${i}`);
    expect(table.size).toBe(200_000);
    for (let i = 0; i < 200_000; i++) if (table.firstOrAdd(`SKU-${i}`, 0) !== i + 2) wrong.push(`again SKU-${i}`);
    for (let i = 0; i < 20_000; i++) if (table.firstOrAdd(`sku-${i}`, 7) !== undefined) wrong.push(`new sku-${i}`);
    expect(wrong).toEqual([]);
    expect(table.firstOrAdd('x'.repeat(5000), 1)).toBeUndefined();
    expect(table.firstOrAdd('x'.repeat(5000), 2)).toBe(1);
    expect(table.size).toBe(220_001);
    table.close();
  });

  it('leaves no file behind, not even while it is open', () => {
    const own = mkdtempSync(path.join(dir, 'own-'));
    const table = new IdTable({ memoryIds: 10, dir: own });
    for (let i = 0; i < 100; i++) table.firstOrAdd(`id-${i}`, i);
    expect(table.firstOrAdd('id-42', 500)).toBe(42);
    expect(readdirSync(own)).toEqual([]);
    table.close();
    expect(() => table.firstOrAdd('id-42', 501)).toThrow(/after close/);
  });

  it('keeps every id in memory when the temporary folder cannot be written', () => {
    const table = new IdTable({ memoryIds: 10, dir: path.join(dir, 'no-such-folder') });
    sameAsMap(table, Array.from({ length: 300 }, (_, i) => `id-${i % 170}`));
    table.close();
  });
});
