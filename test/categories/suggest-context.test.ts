import { describe, expect, it } from 'vitest';
import { createCategoryMatcher } from '../../src/categories/suggest.js';
import { googleCategories } from '../../src/categories/taxonomy-list.js';

const match = createCategoryMatcher(googleCategories());
const first = (category: string): string => match(category, 1)[0]?.path ?? '(none)';

/** Merchant paths as the real exports in ../shared/data write them (Magento categories, WooCommerce Categories). */
describe('categories suggest on the real exports\' paths (../shared/data)', () => {
  it('"Men > Tops > Tees" is a shirt, not a golf tee', () => {
    expect(first('Men > Tops > Tees')).toBe('Apparel & Accessories > Clothing > Shirts & Tops');
    expect(first('Women > Tops > Tees')).toBe('Apparel & Accessories > Clothing > Shirts & Tops');
  });

  it("Magento's own spelling with the root and slashes reads the same", () => {
    expect(first('Default Category/Men/Tops/Tees')).toBe('Apparel & Accessories > Clothing > Shirts & Tops');
  });

  it('other Magento and WooCommerce clothing paths land in Apparel & Accessories', () => {
    for (const c of ['Men > Bottoms > Pants', 'Women > Bottoms > Shorts', 'Men > Tops > Jackets', 'Men > Tops > Hoodies & Sweatshirts', 'Clothing > Tshirts', 'Clothing > Hoodies']) {
      expect(first(c), c).toMatch(/^Apparel & Accessories > /);
    }
  });

  it('without a word saying who wears it, golf tees stay golf tees', () => {
    expect(first('Golf > Tees')).toBe('Sporting Goods > Outdoor Recreation > Golf > Golf Tees');
  });
});
