import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RuleInput } from '../../src/rules/schema.js';
import { product, run } from './product-fixture.js';

/** The recipe exactly as docs/rules.md shows it (the YAML block after its apparel-recipe marker). */
const doc = readFileSync(path.resolve(__dirname, '../../docs/rules.md'), 'utf8');
const block = /<!-- apparel-recipe -->\n```yaml\n([\s\S]*?)```/.exec(doc);
const rules = (parse(block![1]!) as { rules: RuleInput[] }).rules;

describe('docs/rules.md apparel recipe: gender and age_group from the category path', () => {
  it.each([
    // Magento 2 sample export paths (/work/shared/data/magento2-sample-data) and WooCommerce/Shopify style categories.
    ['Men > Tops > Tees', 'male', 'adult'],
    ["Women > Bottoms > Pants", 'female', 'adult'],
    ["Women's > Dresses", 'female', 'adult'],
    ['Clothing > Ladies', 'female', 'adult'],
    ['Kids > Girls > Dresses', 'female', 'kids'],
    ['Boys > Shorts', 'male', 'kids'],
    ['Baby > Bodysuits', 'unisex', 'infant'],
    ['Newborn > Sleepsuits', undefined, 'newborn'],
    ['Toddler > Boys > Jackets', 'male', 'toddler'],
    ['Unisex > Hoodies', 'unisex', 'adult'],
    ['Gear > Bags', undefined, undefined],
  ])('%s: gender %s, age_group %s', (productType, gender, ageGroup) => {
    const r = run(rules, product({ product_type: productType, gender: undefined, age_group: undefined }));
    expect(r.product?.gender).toBe(gender);
    expect(r.product?.age_group).toBe(ageGroup);
  });

  it('never overwrites what the catalog says', () => {
    const r = run(rules, product({ product_type: 'Men > Tops > Tees', gender: 'unisex', age_group: 'kids' }));
    expect(r.product).toMatchObject({ gender: 'unisex', age_group: 'kids' });
  });
});
