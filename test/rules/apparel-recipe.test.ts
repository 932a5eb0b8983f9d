import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCategoryMatcher } from '../../src/categories/suggest.js';
import { googleCategories } from '../../src/categories/taxonomy-list.js';
import google from '../../src/channels/google/index.js';
import type { RuleInput } from '../../src/rules/schema.js';
import { product, run } from './product-fixture.js';

/** The recipe exactly as docs/rules.md shows it: the YAML block after its marker. */
const DOC = readFileSync(path.resolve(__dirname, '../../docs/rules.md'), 'utf8');
const block = /<!-- recipe: apparel-audience -->\n```yaml\n([\s\S]*?)```/.exec(DOC);
const RULES: RuleInput[] = parse(block![1]!).rules;

const audience = (productType: string, over = {}) => {
  const out = run(RULES, product({ product_type: productType, gender: undefined, age_group: undefined, ...over })).product!;
  return [out.gender, out.age_group];
};

describe('docs/rules.md recipe: gender and age group from the category path', () => {
  it('is in the docs and compiles', () => {
    expect(block).not.toBeNull();
    expect(RULES.length).toBeGreaterThan(5);
  });

  it.each([
    ['Men > Tops > Tees', 'male', 'adult'], // Magento sample data
    ['Women > Tops > Bras & Tanks', 'female', 'adult'],
    ['Women > Bottoms > Shorts', 'female', 'adult'],
    ["Clothing > Men's > Hoodies", 'male', 'adult'],
    ['Kids > Girls > Dresses', 'female', 'kids'],
    ['Boys', 'male', 'kids'],
    ['Baby > Bodysuits', undefined, 'infant'],
    ['Unisex > Caps', 'unisex', 'adult'],
    ['Clothing > Tshirts', undefined, undefined], // WooCommerce sample data: names nobody
  ])('%s -> gender %s, age_group %s', (path, gender, age) => {
    expect(audience(path)).toEqual([gender, age]);
  });

  it('never overwrites what the catalog has', () => {
    expect(audience('Men > Tops > Tees', { gender: 'unisex', age_group: 'kids' })).toEqual(['unisex', 'kids']);
  });

  it('makes a Magento tee publishable on Google US with its suggested category', () => {
    const [category] = createCategoryMatcher(googleCategories())('Men > Tops > Tees', 1);
    const out = run([...RULES, { set: { field: 'google_product_category', value: category!.id } }], product({ product_type: 'Men > Tops > Tees', size: 'M' })).product!;
    const mapped = google.map(out, { feed: { id: 'g', format: 'xml', country: 'US', language: 'en', currency: 'USD', options: {} }, row: 2, now: new Date('2026-01-01T00:00:00Z') });
    expect(mapped.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(mapped.record).toMatchObject({ gender: 'male', age_group: 'adult', google_product_category: '212' });
  });
});
