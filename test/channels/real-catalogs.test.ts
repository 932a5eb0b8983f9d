import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../src/catalog/read-catalog.js';
import { getPreset } from '../../src/catalog/presets/index.js';
import type { PresetOptions } from '../../src/catalog/types.js';
import { loadChannel } from '../../src/channels/registry.js';
import { feedColumns, recordsOf, renderFeed } from '../../src/channels/render-feed.js';
import type { CatalogItem } from '../../src/product/product.js';
import { createValidator } from '../../src/product/validate.js';
import { parseRss, parseTabular } from '../serializers/read-feed.js';

/**
 * The real shop exports in ../shared/data, read with their presets and validated once, produce a
 * well-formed feed for every Google-compatible and social channel, and every product left out of
 * a feed is explained by an error that names it.
 */
const DATA = path.resolve(__dirname, '../../../shared/data');
const CATALOGS: Array<{ name: string; file: string; preset: string; options: PresetOptions; locale: string; currency: string }> = [
  { name: 'magento', file: 'magento2-sample-data/configurable_products.csv', preset: 'magento', options: { currency: 'USD', baseUrl: 'https://shop.example.com/' }, locale: 'en-US', currency: 'USD' },
  { name: 'woocommerce', file: 'woocommerce-sample-data/sample_products.csv', preset: 'woocommerce', options: { currency: 'USD', baseUrl: 'https://shop.example.com/' }, locale: 'en-US', currency: 'USD' },
  { name: 'akeneo', file: 'akeneo-catalogs/small_products.csv.gz', preset: 'akeneo', options: { currency: 'EUR', locale: 'en_US', scope: 'ecommerce', baseUrl: 'https://shop.example.com/' }, locale: 'en-US', currency: 'EUR' },
];
const CHANNELS = ['google', 'microsoft', 'meta', 'snapchat'] as const;
const NOW = new Date('2026-01-01T00:00:00Z');
const HEADER = { title: 'Real catalog', link: 'https://shop.example.com/', description: 'Real shop export' };

const cache = new Map<string, Promise<CatalogItem[]>>();
const validItems = (c: (typeof CATALOGS)[number]): Promise<CatalogItem[]> => {
  let items = cache.get(c.name);
  if (!items) cache.set(c.name, (items = readValidItems(c)));
  return items;
};

async function readValidItems(c: (typeof CATALOGS)[number]): Promise<CatalogItem[]> {
  const mapper = getPreset(c.preset).create(c.options);
  const validator = createValidator({ locale: c.locale, currency: c.currency });
  const source = { location: path.join(DATA, c.file) };
  if (mapper.prepass) for await (const raw of readCatalog(source)) mapper.prepass(raw);
  const items: CatalogItem[] = [];
  for await (const raw of readCatalog(source)) {
    for (const row of mapper.map(raw)) {
      const event = validator.validate(row);
      if (event.item) items.push(event.item);
    }
  }
  return items;
}

describe.each(CATALOGS)('real catalog $name', (catalog) => {
  it.each(CHANNELS)('builds a well-formed %s feed for every format and explains every exclusion', async (id) => {
    const items = await validItems(catalog);
    expect(items.length).toBeGreaterThan(0);
    const channel = await loadChannel(id);
    for (const format of channel.formats) {
      const target = { id: `${id}-${catalog.name}`, format: format.id, country: 'US', language: 'en', currency: catalog.currency, options: {} };
      const { text, issues } = renderFeed(channel, format.id, target, items, { now: NOW, header: HEADER });
      const errors = new Set(issues.filter((i) => i.severity === 'error').map((i) => `${i.id}@${i.row}`));
      let written = 0;
      for (const { product, row } of items) {
        const n = recordsOf(channel.map(product, { feed: target, row, now: NOW }).record).length;
        written += n;
        if (n === 0) expect(errors.has(`${product.id}@${row}`), `${product.id} (row ${row}) left out without an error`).toBe(true);
      }
      if (format.serializer === 'rss') expect(parseRss(text).items).toHaveLength(written);
      else {
        const rows = parseTabular(text, format.serializer as 'csv' | 'tsv');
        expect(rows[0]).toEqual(feedColumns(channel, target));
        expect(rows).toHaveLength(written + 1);
      }
    }
  });

  it.runIf(catalog.name !== 'akeneo').each(CHANNELS)('includes every product in %s once brand is set (as a feed rule would) and identifiers are optional', async (id) => {
    const items = (await validItems(catalog)).map((x) => ({ ...x, product: { ...x.product, brand: x.product.brand ?? 'Shop brand' } }));
    const channel = await loadChannel(id);
    const format = channel.formats[0]!;
    const options = {};
    const target = { id: `${id}-${catalog.name}`, format: format.id, country: 'US', language: 'en', currency: catalog.currency, options };
    const { issues } = renderFeed(channel, format.id, target, items, { now: NOW, header: HEADER });
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
