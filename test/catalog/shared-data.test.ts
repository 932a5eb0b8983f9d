import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from './helpers.js';
import { byId, mapAll } from './preset-helpers.js';

const BASE = 'https://shop.example.com';
const magentoFiles = readdirSync(path.join(SHARED_DATA, 'magento2-sample-data')).filter((f) => f.endsWith('.csv'));

describe('the real catalogs in ../shared/data read with their preset', () => {
  it.each(magentoFiles)('magento: %s', async (name) => {
    const { rows, read, finish } = await mapAll(path.join(SHARED_DATA, 'magento2-sample-data', name), 'magento', { baseUrl: BASE });
    expect(read).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.fields.id).toBeTruthy();
      expect(r.fields.title).toBeTruthy();
      expect(r.fields.link).toMatch(/^https:\/\/shop\.example\.com\/[a-z0-9-]+\.html$/);
      expect(r.issues ?? []).toEqual([]);
    }
    // Info lines only (configurable_products.csv: gender and age_group read from the category paths).
    expect(finish.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('magento: configurable children get their parent as item_group_id, parents are not items', async () => {
    const { rows, read } = await mapAll(path.join(SHARED_DATA, 'magento2-sample-data', 'configurable_products.csv'), 'magento', { baseUrl: BASE });
    expect(read).toBe(1994);
    expect(rows).toHaveLength(1847);
    expect(rows.find((r) => r.fields.id === 'MH01')).toBeUndefined();
    const child = byId(rows, 'MH01-XS-Black');
    expect(child.fields).toMatchObject({ item_group_id: 'MH01', size: 'XS', color: 'Black', price: '52', link: `${BASE}/chaz-kangeroo-hoodie.html` });
    expect(rows.every((r) => r.fields.item_group_id)).toBe(true);
  });

  it('woocommerce CSV: variations grouped by parent SKU, variable and grouped parents skipped', async () => {
    const { rows, read } = await mapAll(path.join(SHARED_DATA, 'woocommerce-sample-data', 'sample_products.csv'), 'woocommerce', { baseUrl: BASE });
    expect(read).toBe(24);
    expect(rows).toHaveLength(21);
    for (const r of rows) {
      expect(r.fields.id).toBeTruthy();
      expect(r.fields.title).toBeTruthy();
    }
    expect(rows.find((r) => r.fields.id === 'cc-hoodie')).toBeUndefined();
    expect(byId(rows, 'cc-hoodie-red').fields).toMatchObject({ item_group_id: 'cc-hoodie', color: 'Red', product_type: 'Clothing > Hoodies' });
    expect(byId(rows, 'cc-beanie').fields).toMatchObject({ price: '20', sale_price: '18', availability: 'in stock' });
    expect(byId(rows, 'cp-donation').fields.link).toBe('https://www.classicpress.net/donate/');
    expect(rows.filter((r) => r.fields.item_group_id)).toHaveLength(9);
  });

  it('woocommerce XML (WXR): products and variations with SKU, prices, stock and attachment images', async () => {
    const { rows, read } = await mapAll(path.join(SHARED_DATA, 'woocommerce-sample-data', 'sample_products.xml'), 'woocommerce');
    expect(read).toBe(47);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.fields.id).toBeTruthy();
      expect(r.fields.title).toBeTruthy();
      expect(r.fields.link).toMatch(/^https:\/\//);
    }
    const variation = byId(rows, 'woo-vneck-tee-red');
    expect(variation.fields).toMatchObject({ item_group_id: 'woo-vneck-tee', price: '20000', availability: 'in stock', color: 'red', product_type: 'Tshirts' });
    expect(variation.fields.image_link).toMatch(/^https:\/\/.*\.jpg$/);
    expect(rows.filter((r) => r.fields.item_group_id)).toHaveLength(7);
    expect(rows.find((r) => r.fields.id === 'woo-vneck-tee')).toBeUndefined();
  });

  it('akeneo .csv.gz: 5,000 rows with ids, names as titles, other locales and currencies kept as extra', async () => {
    const { rows, read } = await mapAll(path.join(SHARED_DATA, 'akeneo-catalogs', 'small_products.csv.gz'), 'akeneo', { locale: 'en_US', currency: 'USD' });
    expect(read).toBe(5000);
    expect(rows).toHaveLength(5000);
    expect(rows.every((r) => /^id-\d+$/.test(r.fields.id!))).toBe(true);
    expect(rows.filter((r) => r.fields.title).length).toBe(3167);
    expect(rows.every((r) => r.issues === undefined)).toBe(true);
    expect(rows[1]!.extra['attr_71-en_US-EUR']).toBeDefined();
  });
});
