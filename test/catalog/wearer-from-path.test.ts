import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { getPreset } from '../../src/catalog/presets/index.js';
import { wearerFromPaths } from '../../src/catalog/presets/wearer-from-path.js';
import type { MappedRow, RawRow } from '../../src/catalog/types.js';
import type { RuleInput } from '../../src/rules/schema.js';
import { product, run } from '../rules/product-fixture.js';
import { SHARED_DATA } from './helpers.js';
import { mapAll } from './preset-helpers.js';

/** The docs/rules.md recipe, as apparel-recipe.test.ts reads it. */
const doc = readFileSync(path.resolve(__dirname, '../../docs/rules.md'), 'utf8');
const recipe = (parse(/<!-- apparel-recipe -->\n```yaml\n([\s\S]*?)```/.exec(doc)![1]!) as { rules: RuleInput[] }).rules;

const MAGENTO = path.join(SHARED_DATA, 'magento2-sample-data');
const HEADER = ['sku', 'product_type', 'categories', 'name', 'price', 'url_key', 'qty', 'is_in_stock', 'additional_attributes'];

function mapRows(header: string[], rows: string[][]): MappedRow[] {
  const mapper = getPreset('magento').create({ baseUrl: 'https://shop.example.com' });
  const raws: RawRow[] = rows.map((cells, i) => ({ row: i + 2, fields: Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ''])) }));
  for (const r of raws) mapper.prepass?.(r);
  return raws.flatMap((r) => mapper.map(r));
}

describe('gender and age_group from the category path, as the docs/rules.md recipe says', () => {
  it.each([
    'Men > Tops > Tees', 'Women > Bottoms > Pants', "Women's > Dresses", 'Clothing > Ladies', 'Kids > Girls > Dresses', 'Boys > Shorts',
    'Baby > Bodysuits', 'Newborn > Sleepsuits', 'Toddler > Boys > Jackets', 'Unisex > Hoodies', 'Gear > Bags', 'Men > Tops > Jackets', 'Womens > Shoes',
  ])('%s: the same values as the recipe', (productType) => {
    const r = run(recipe, product({ product_type: productType, gender: undefined, age_group: undefined }));
    expect(wearerFromPaths([productType])).toEqual({
      ...(r.product?.gender && { gender: r.product.gender }),
      ...(r.product?.age_group && { age_group: r.product.age_group }),
    });
  });

  it('paths that disagree are not guessed; paths without a wearer do not count', () => {
    expect(wearerFromPaths(['Men > Tops', 'Women > Tops'])).toEqual({ age_group: 'adult' });
    expect(wearerFromPaths(['Collections > Eco Friendly', 'Women > Tops > Tees'])).toEqual({ gender: 'female', age_group: 'adult' });
    expect(wearerFromPaths([])).toEqual({});
  });
});

describe('magento preset: gender and age_group where the export has no column for them', () => {
  it('real configurable_products.csv: every product from its Men/Women path, said once with the counts', async () => {
    const { rows, finish } = await mapAll(path.join(MAGENTO, 'configurable_products.csv'), 'magento', { baseUrl: 'https://shop.example.com' });
    expect(rows).toHaveLength(1847);
    for (const r of rows) {
      const expected = /^Men\b/.test(r.fields.product_type!) ? 'male' : /^Women\b/.test(r.fields.product_type!) ? 'female' : undefined;
      if (expected) expect(r.fields.gender, r.fields.id).toBe(expected);
      expect(r.fields.age_group, r.fields.id).toBe('adult');
    }
    const line = finish.filter((i) => i.code === 'magento.wearer.from_path');
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({ severity: 'info' });
    expect(line[0]!.message).toBe('gender of 1847 and age_group of 1847 products were read from their category paths (Men, Women, Kids, Girls, Boys, Baby ...): the export has no column for them');
    expect(line[0]!.fix).toContain('catalog: { columns: { gender: <column>');
  });

  it('real products_gear_watches.csv has a gender column: its values stay, nothing is read from paths', async () => {
    const { rows, finish } = await mapAll(path.join(MAGENTO, 'products_gear_watches.csv'), 'magento', { baseUrl: 'https://shop.example.com' });
    expect(rows.map((r) => r.fields.gender).sort()).toEqual(['Men', 'Men', 'Men', 'Men', 'Men,Women,Unisex', 'Women', 'Women', 'Women', 'Women']);
    expect(finish.map((i) => i.code)).not.toContain('magento.wearer.from_path');
  });

  it('a gender column, even empty, or an age_group column is the shop\'s answer; packed attributes win over the path', () => {
    const withColumns = mapRows([...HEADER, 'gender', 'age_group'], [['A', 'simple', 'Default Category/Men/Tops', 'A', '1', 'a', '1', '1', '', '', 'kids']]);
    expect(withColumns[0]!.fields.gender).toBeUndefined();
    expect(withColumns[0]!.fields.age_group).toBe('kids');
    const packed = mapRows(HEADER, [['B', 'simple', 'Default Category/Women/Tops', 'B', '1', 'b', '1', '1', 'gender=Unisex']]);
    expect(packed[0]!.fields).toMatchObject({ gender: 'Unisex', age_group: 'adult' });
    const kids = mapRows(HEADER, [['C', 'simple', 'Default Category/Kids/Girls/Dresses', 'C', '1', 'c', '1', '1', '']]);
    expect(kids[0]!.fields).toMatchObject({ gender: 'female', age_group: 'kids' });
  });
});
