import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { phpUrlencode, sanitizeTitle, variationLink } from '../../src/catalog/presets/woocommerce-links.js';
import { byId, mapAll } from './preset-helpers.js';
import { SHARED_DATA } from './helpers.js';

const BASE = 'https://shop.example.com';
const FIXTURES = path.resolve(__dirname, '../../fixtures/catalog');
const WOO = path.join(SHARED_DATA, 'woocommerce-sample-data');

describe('woocommerce variation links, as WC_Product_Variation::get_permalink makes them', () => {
  it('slugs and encodes like WordPress sanitize_title and PHP urlencode', () => {
    expect(sanitizeTitle('Light Blue')).toBe('light-blue');
    expect(sanitizeTitle('Crème Brûlée')).toBe('creme-brulee');
    expect(sanitizeTitle('  XL / Tall ')).toBe('xl-tall');
    expect(sanitizeTitle('3.5 mm')).toBe('3-5-mm');
    expect(phpUrlencode("With ribbon & bow (red)*")).toBe('With+ribbon+%26+bow+%28red%29%2A');
    expect(variationLink(`${BASE}/product/mug/`, [{ key: 'pa_color', value: 'red' }, { key: 'size', value: '' }])).toBe(`${BASE}/product/mug/?attribute_pa_color=red`);
    expect(variationLink(`${BASE}/?p=7#reviews`, [{ key: 'logo', value: 'Yes' }])).toBe(`${BASE}/?p=7&attribute_logo=Yes#reviews`);
    expect(variationLink(`${BASE}/product/mug/`, [{ key: 'size', value: '' }])).toBe(`${BASE}/product/mug/`);
  });

  it('CSV fixture: the parent page with the global (pa_, term slug) and custom (name slug, value as entered) attributes; "any" left out', async () => {
    const { rows } = await mapAll(path.join(FIXTURES, 'woocommerce-variations.csv'), 'woocommerce', { baseUrl: BASE });
    expect(byId(rows, 'mug-blue-ribbon').fields.link).toBe(`${BASE}/?post_type=product&p=901&attribute_pa_colour=light-blue&attribute_gift-wrap=With+ribbon`);
    expect(byId(rows, 'mug-creme-none').fields.link).toBe(`${BASE}/?post_type=product&p=901&attribute_pa_colour=creme&attribute_gift-wrap=None`);
    expect(byId(rows, 'mug-any-none').fields.link).toBe(`${BASE}/?post_type=product&p=901&attribute_gift-wrap=None`);
    expect(byId(rows, 'sock-l').fields.link).toBe(`${BASE}/?post_type=product&p=910&attribute_pa_size=l`);
    // A simple product keeps its own page.
    expect(byId(rows, 'scarf').fields.link).toBe(`${BASE}/?post_type=product&p=920`);
  });

  it('real CSV sample: every variation of a group has its own link, the parent page plus its attributes', async () => {
    const { rows } = await mapAll(path.join(WOO, 'sample_products.csv'), 'woocommerce', { baseUrl: BASE });
    const variations = rows.filter((r) => r.fields.item_group_id);
    expect(variations).toHaveLength(9);
    expect(new Set(variations.map((r) => r.fields.link)).size).toBe(9);
    // The export's own names (Hoodie - Red, No) are kept; the link carries what the name says.
    expect(byId(rows, 'cc-hoodie-red').fields).toMatchObject({ title: 'Hoodie - Red, No', link: `${BASE}/?post_type=product&p=742&attribute_pa_color=red&attribute_logo=No` });
    // T-Shirt variations leave Size at "any": only the colour is chosen.
    expect(byId(rows, 'cc-t-shirt-blue').fields.link).toBe(`${BASE}/?post_type=product&p=741&attribute_pa_color=blue`);
  });

  it('real WXR sample: variation links are the export\'s own, of the same form, and no link is guessed', async () => {
    const { rows, finish } = await mapAll(path.join(WOO, 'sample_products.xml'), 'woocommerce', { baseUrl: BASE });
    expect(byId(rows, 'woo-hoodie-blue-logo').fields.link).toBe('https://woocommercecore.mystagingwebsite.com/product/hoodie/?attribute_pa_color=blue&attribute_logo=Yes');
    expect(finish.filter((i) => i.code.startsWith('woocommerce.'))).toEqual([]);
  });
});

describe('woocommerce variation titles where the export shares or leaves them empty', () => {
  it('CSV: an empty name, the parent\'s name, or a name siblings share becomes "Parent - Value, Value"; own names stay', async () => {
    const { rows } = await mapAll(path.join(FIXTURES, 'woocommerce-variations.csv'), 'woocommerce', { baseUrl: BASE });
    const titles = Object.fromEntries(rows.map((r) => [r.fields.id, r.fields.title]));
    expect(titles).toEqual({
      'mug-blue-ribbon': 'Café Mug - Light Blue, With ribbon',
      'mug-creme-none': 'Café Mug - Crème, None',
      'mug-any-none': 'Café Mug - Any colour',
      'sock-s': 'Trail Sock - S',
      'sock-m': 'Trail Sock - M',
      'sock-l': 'Trail Sock - L',
      scarf: 'Scarf',
    });
  });

  it('WXR: term names for global attributes (navy-blue -> Navy Blue), custom values as stored', async () => {
    const { rows } = await mapAll(path.join(FIXTURES, 'woocommerce-no-links.xml'), 'woocommerce', { baseUrl: BASE });
    expect(byId(rows, 'jacket-navy').fields.title).toBe('Rain Jacket - Navy Blue, Detachable hood');
    expect(byId(rows, 'jacket-olive').fields.title).toBe('Rain Jacket - Olive');
    expect(byId(rows, 'beanie').fields.title).toBe('Wool Beanie');
  });

  it('real samples: the titles of a group all differ', async () => {
    for (const file of ['sample_products.csv', 'sample_products.xml']) {
      const { rows } = await mapAll(path.join(WOO, file), 'woocommerce', { baseUrl: BASE });
      const groups = new Map<string, string[]>();
      for (const r of rows) if (r.fields.item_group_id) groups.set(r.fields.item_group_id, [...(groups.get(r.fields.item_group_id) ?? []), r.fields.title!]);
      expect(groups.size, file).toBeGreaterThan(0);
      for (const [group, titles] of groups) expect(new Set(titles).size, `${file} ${group}`).toBe(titles.length);
    }
  });
});

describe('woocommerce WXR links guessed from post ids', () => {
  it('items without <link>: <base_url>/?post_type=product&p=<ID> (a variation: its parent\'s, with its attributes), said once per run', async () => {
    const { rows, finish } = await mapAll(path.join(FIXTURES, 'woocommerce-no-links.xml'), 'woocommerce', { baseUrl: BASE });
    expect(byId(rows, 'beanie').fields.link).toBe(`${BASE}/?post_type=product&p=310`);
    expect(byId(rows, 'jacket-navy').fields.link).toBe(`${BASE}/?post_type=product&p=301&attribute_pa_color=navy-blue&attribute_hood=Detachable+hood`);
    expect(byId(rows, 'jacket-olive').fields.link).toBe(`${BASE}/?post_type=product&p=301&attribute_pa_color=olive`);
    const guessed = finish.filter((i) => i.code === 'woocommerce.link.guessed');
    expect(guessed).toHaveLength(1);
    expect(guessed[0]).toMatchObject({ severity: 'info' });
    expect(guessed[0]!.message).toMatch(/^3 product links were made from WordPress post ids \(https:\/\/shop\.example\.com\/\?post_type=product&p=<ID>\): these WordPress XML items have no <link>/);
    expect(guessed[0]!.fix).toContain('catalog.base_url');
    expect(guessed[0]!.fix).toContain('columns: { link:');
  });

  it('without base_url: no link is made up, and one warning names catalog.base_url', async () => {
    const { rows, finish } = await mapAll(path.join(FIXTURES, 'woocommerce-no-links.xml'), 'woocommerce');
    expect(rows.every((r) => r.fields.link === undefined)).toBe(true);
    expect(finish.map((i) => [i.code, i.severity])).toEqual([['woocommerce.base_url.missing', 'warning']]);
    expect(finish[0]!.fix).toContain('catalog.base_url');
  });
});
