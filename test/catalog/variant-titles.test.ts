import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapAll } from './preset-helpers.js';
import { SHARED_DATA } from './helpers.js';

const SHOPIFY = path.resolve(__dirname, '../../fixtures/catalog/shopify-template-export.csv');

describe('shopify variant titles (Shopify template export)', () => {
  it('gives each variant of a shared title its option values, "Title - Value / Value", and leaves single products alone', async () => {
    const { rows } = await mapAll(SHOPIFY, 'shopify', { baseUrl: 'https://shop.example.com', includeUnpublished: true });
    const titles = rows.map((r) => [r.fields.item_group_id ?? '', r.fields.title]);
    const groups = new Map<string, string[]>();
    for (const [group, title] of titles) if (group) groups.set(group, [...(groups.get(group) ?? []), title!]);
    expect(groups.size).toBeGreaterThan(0);
    for (const [group, list] of groups) {
      // Every variant of a product reads differently, and starts with the product's own title.
      expect(new Set(list).size, group).toBe(list.length);
      for (const t of list) expect(t, group).toMatch(/^.+ - .+$/);
    }
    const tee = rows.filter((r) => r.fields.item_group_id === 'example-t-shirt');
    for (const r of tee) {
      const options = [r.fields.size, r.fields.color].filter(Boolean);
      expect(r.fields.title!.startsWith('Example T-Shirt - ')).toBe(true);
      for (const o of options) expect(r.fields.title).toContain(o!);
    }
    const single = rows.filter((r) => !r.fields.item_group_id);
    for (const r of single) expect(r.fields.title).not.toMatch(/ - .* \/ /);
  });
});

describe('woocommerce links guessed from post ids', () => {
  it('says so once per run, naming base_url and the permalink column', async () => {
    const { finish: issues } = await mapAll(path.join(SHARED_DATA, 'woocommerce-sample-data', 'sample_products.csv'), 'woocommerce', { baseUrl: 'https://shop.example.com' });
    const guessed = issues.filter((i) => i.code === 'woocommerce.link.guessed');
    expect(guessed).toHaveLength(1);
    expect(guessed[0]!.severity).toBe('info');
    expect(guessed[0]!.message).toMatch(/^\d+ product links were made from WordPress post ids \(https:\/\/shop\.example\.com\/\?post_type=product&p=<ID>\)/);
    expect(guessed[0]!.fix).toContain('catalog.base_url');
    expect(guessed[0]!.fix).toContain('columns: { link:');
  });
});
