import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPreset } from '../../src/catalog/presets/index.js';
import { UNPUBLISHED_CODE } from '../../src/catalog/presets/publication.js';
import type { MappedRow, PresetOptions, RawRow } from '../../src/catalog/types.js';
import { createValidator } from '../../src/product/validate.js';
import { SHARED_DATA } from './helpers.js';
import { mapAll } from './preset-helpers.js';

const SHOPIFY = path.resolve(__dirname, '../../fixtures/catalog/shopify-template-export.csv');
const BASE = 'https://shop.example.com';
const states = (rows: MappedRow[]) => Object.fromEntries(rows.map((r) => [r.fields.id, r.unpublished ?? 'published']));

/** Maps raw rows (two passes, as the pipeline does for presets with a prepass). */
function mapRows(preset: string, fields: Record<string, string>[], options: PresetOptions = {}): MappedRow[] {
  const mapper = getPreset(preset).create({ baseUrl: BASE, ...options });
  const raws: RawRow[] = fields.map((f, i) => ({ row: i + 2, fields: f }));
  if (mapper.prepass) for (const r of raws) mapper.prepass(r);
  return raws.flatMap((r) => mapper.map(r));
}

describe('presets read the shop publication state', () => {
  it('shopify: drafts, archived and Published FALSE products (and their variant rows) are marked with an info line', async () => {
    const { rows } = await mapAll(SHOPIFY, 'shopify', { baseUrl: BASE });
    expect(states(rows)).toEqual({
      'example-shirt-s': 'published',
      'example-shirt-m': 'published',
      'example-shirt-l': 'published',
      'example-pants-32': 'Status "draft"',
      'example-pants-34': 'Status "draft"',
      'example-hat': 'Status "archived"',
      'example-socks': 'Published "FALSE"',
      'example-mug-blue': 'published',
      'example-mug-white': 'published',
    });
    const note = rows.find((r) => r.fields.id === 'example-pants-34')!.issues!.find((i) => i.code === UNPUBLISHED_CODE)!;
    expect(note).toMatchObject({ severity: 'info', row: 6, id: 'example-pants-34' });
    expect(note.fix).toMatch(/catalog\.include_unpublished: true/);
    // Status stays in extra for rules.
    expect(rows[0]!.extra.Status).toBe('active');
  });

  it('shopify: catalog.include_unpublished keeps them', async () => {
    const { rows } = await mapAll(SHOPIFY, 'shopify', { baseUrl: BASE, includeUnpublished: true });
    expect(rows.filter((r) => r.unpublished)).toEqual([]);
    expect(rows).toHaveLength(9);
  });

  it('the validator leaves unpublished rows out without an error, with their info line', async () => {
    const { rows } = await mapAll(SHOPIFY, 'shopify', { baseUrl: BASE });
    const v = createValidator({ currency: 'USD' });
    const hat = v.validate(rows.find((r) => r.fields.id === 'example-hat')!);
    expect(hat.item).toBeUndefined();
    expect(hat.unpublished).toBe(true);
    expect(hat.issues.map((i) => `${i.severity}:${i.code}`)).toEqual([`info:${UNPUBLISHED_CODE}`]);
  });

  it('woocommerce CSV: Published 0 / -1 and hidden catalog visibility, also through the parent of a variation', () => {
    const rows = mapRows('woocommerce', [
      { ID: '1', Type: 'simple', SKU: 'a', Name: 'A', Published: '1', 'Visibility in catalog': 'visible', 'Regular price': '5' },
      { ID: '2', Type: 'simple', SKU: 'b', Name: 'B', Published: '0', 'Visibility in catalog': 'visible', 'Regular price': '5' },
      { ID: '3', Type: 'simple', SKU: 'c', Name: 'C', Published: '-1', 'Visibility in catalog': 'visible', 'Regular price': '5' },
      { ID: '4', Type: 'simple', SKU: 'd', Name: 'D', Published: '1', 'Visibility in catalog': 'hidden', 'Regular price': '5' },
      { ID: '5', Type: 'variable', SKU: 'e', Name: 'E', Published: '0', 'Visibility in catalog': 'visible' },
      { ID: '6', Type: 'variation', SKU: 'e-red', Name: 'E red', Published: '1', Parent: 'e', 'Regular price': '5' },
    ]);
    expect(states(rows)).toEqual({
      a: 'published',
      b: 'Published "0" (draft)',
      c: 'Published "-1" (private)',
      d: 'Visibility in catalog "hidden"',
      'e-red': 'its parent product e: Published "0" (draft)',
    });
  });

  it('magento: product_online 2 and simple products not visible individually; variants of a configurable are published', () => {
    const rows = mapRows('magento', [
      { sku: 'S1', product_type: 'simple', name: 'One', product_online: '1', visibility: 'Catalog, Search', price: '5' },
      { sku: 'S2', product_type: 'simple', name: 'Two', product_online: '2', visibility: 'Catalog, Search', price: '5' },
      { sku: 'S3', product_type: 'simple', name: 'Three', product_online: '1', visibility: 'Not Visible Individually', price: '5' },
      { sku: 'C1-S', product_type: 'simple', name: 'Child', product_online: '1', visibility: 'Not Visible Individually', price: '5' },
      { sku: 'C1', product_type: 'configurable', name: 'Parent', product_online: '1', visibility: 'Catalog, Search', configurable_variations: 'sku=C1-S,size=S' },
      { sku: 'C2-S', product_type: 'simple', name: 'Child 2', product_online: '1', visibility: 'Not Visible Individually', price: '5' },
      { sku: 'C2', product_type: 'configurable', name: 'Off', product_online: '2', visibility: 'Catalog, Search', configurable_variations: 'sku=C2-S,size=S' },
    ]);
    expect(states(rows)).toEqual({
      S1: 'published',
      S2: 'product_online "2" (disabled)',
      S3: 'visibility "Not Visible Individually" without a configurable parent',
      'C1-S': 'published',
      'C2-S': 'its configurable product C2: product_online "2" (disabled)',
    });
  });

  it('akeneo: enabled 0 is left out', () => {
    const rows = mapRows('akeneo', [
      { sku: 'on', enabled: '1', 'name-en_US': 'On' },
      { sku: 'off', enabled: '0', 'name-en_US': 'Off' },
    ], { locale: 'en_US' });
    expect(states(rows)).toEqual({ on: 'published', off: 'enabled "0"' });
  });

  it('woocommerce WXR: a hidden product of the real sample is marked; published posts are not', async () => {
    const { rows } = await mapAll(path.join(SHARED_DATA, 'woocommerce-sample-data', 'sample_products.xml'), 'woocommerce');
    const marked = rows.filter((r) => r.unpublished);
    expect(marked.map((r) => r.unpublished)).toEqual(marked.map(() => 'product_visibility hidden (excluded from catalog and search)'));
    expect(marked).toHaveLength(1);
  });

  it('woocommerce CSV: the real sample leaves out its one hidden product', async () => {
    const { rows } = await mapAll(path.join(SHARED_DATA, 'woocommerce-sample-data', 'sample_products.csv'), 'woocommerce', { baseUrl: BASE });
    expect(rows.filter((r) => r.unpublished).map((r) => r.unpublished)).toEqual(['Visibility in catalog "hidden"']);
  });
});
