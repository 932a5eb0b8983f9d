import { describe, expect, it } from 'vitest';
import { categoryAncestors, categoryKey } from '../../src/categories/category-key.js';
import { createCategoryMatcher } from '../../src/categories/suggest.js';
import { googleCategories } from '../../src/categories/taxonomy-list.js';

describe('category suggestions by word match', () => {
  const match = createCategoryMatcher(googleCategories());

  it('covers the whole built-in taxonomy', () => {
    const all = googleCategories();
    expect(all).toHaveLength(5595);
    expect(all[0]).toEqual({ id: '1', path: 'Animals & Pet Supplies' });
    expect(all.find((c) => c.id === '2271')?.path).toBe('Apparel & Accessories > Clothing > Dresses');
  });

  it.each([
    ['Women > Dresses', '2271', 'Apparel & Accessories > Clothing > Dresses'],
    ['Bags > Backpacks', '100', 'Luggage & Bags > Backpacks'],
    ['Kitchen > Coffee Mugs', '2169', 'Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs'],
  ])('%s: first candidate %s', (category, id, path) => {
    expect(match(category)[0]).toMatchObject({ id, path });
  });

  it('weighs the merchant category last segment highest', () => {
    // "Jackets" is the merchant leaf: a jacket category beats one that only matches "Men".
    const [first] = match('Men > Jackets');
    expect(first!.path).toMatch(/Jacket/);
  });

  it('returns at most `limit` candidates, best first, and none for words the taxonomy lacks', () => {
    const c = match('Shoes', 5);
    expect(c).toHaveLength(5);
    expect([...c].sort((a, b) => b.score - a.score)).toEqual(c);
    expect(match('Xyzzy Qwerty')).toEqual([]);
    expect(match('&&& >')).toEqual([]);
  });
});

describe('category keys', () => {
  it('ignore case and spacing around >', () => {
    expect(categoryKey('  Men>Shirts  &  Tops ')).toBe('men > shirts & tops');
    expect(categoryKey('STRASSE')).toBe(categoryKey('straße'));
  });

  it('list ancestors, most specific first', () => {
    expect(categoryAncestors('A > B > C')).toEqual(['a > b > c', 'a > b', 'a']);
  });
});

describe('category suggestions with the merchant path as context', () => {
  const match = createCategoryMatcher(googleCategories());

  // Real paths of the Magento 2 sample export (/work/shared/data/magento2-sample-data, "Default Category/Men/Tops/...").
  it.each([
    ['Men > Tops > Tees', '212'],
    ['Men > Tops > Tanks', '212'],
    ['Men > Tops > Jackets', '5598'],
    ['Women > Bottoms > Pants', '204'],
  ])('%s: first candidate %s, in Apparel & Accessories', (category, id) => {
    const [first] = match(category);
    expect(first?.id).toBe(id);
    expect(first?.path.startsWith('Apparel & Accessories > ')).toBe(true);
  });

  it('"Tees" under a wearer is a shirt, not a golf tee; under Golf it stays a golf tee', () => {
    expect(match('Men > Tops > Tees', 5).map((c) => c.id).indexOf('3106')).toBeGreaterThan(0);
    expect(match('Golf > Tees')[0]?.id).toBe('3106');
  });
});
