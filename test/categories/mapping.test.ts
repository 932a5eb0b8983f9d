import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapCategory, readCategoryMapping } from '../../src/categories/mapping.js';

const DIR = path.resolve(__dirname, '../../fixtures/rules/feeds');

describe('category mapping files', () => {
  it('reads ids and full taxonomy paths, checked against the taxonomy', () => {
    const m = readCategoryMapping('categories/google.csv', DIR, 'feeds/x.yaml: categories.file');
    expect(Object.fromEntries(m.ids)).toEqual({ 'women > dresses': '2271', 'men > shirts': '212', men: '1604', shoes: '187', 'kitchen > plates': '672' });
    expect(m.path).toBe(path.join(DIR, 'categories/google.csv'));
  });

  it('reads a file without a header, and ; as the delimiter', () => {
    const m = readCategoryMapping('categories/no-header.csv', DIR, 'x');
    expect(Object.fromEntries(m.ids)).toEqual({ 'men > shirts': '212', shoes: '187' });
  });

  it('maps a category to its own entry or its closest mapped ancestor', () => {
    const m = readCategoryMapping('categories/google.csv', DIR, 'x');
    expect(mapCategory(m, 'Men > Shirts')).toBe('212');
    expect(mapCategory(m, 'men > shirts > long sleeve')).toBe('212');
    expect(mapCategory(m, 'Men > Socks')).toBe('1604');
    expect(mapCategory(m, 'Garden')).toBeUndefined();
  });

  it('refuses unknown or retired ids with the file, the line and what to do', () => {
    expect(() => readCategoryMapping('categories/bad-id.csv', DIR, 'feeds/x.yaml: categories.file')).toThrow(
      'feeds/x.yaml: categories.file: categories/bad-id.csv line 3: unknown or retired Google product category id 999999 for "Men > Shirts" (not in the Google taxonomy 2021-09-21; run `shelfcast categories suggest` for candidates)',
    );
  });
});
