import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amazonValidators } from '../servers/amazon-specs.js';
import { ebayValidator } from '../servers/ebay-specs.js';
import { demoProject, runCli, SHARED } from './cli.js';

/** Every real shop export in ../shared/data, read with its preset by the real CLI. */
const CASES = [
  { file: 'magento2-sample-data/configurable_products.csv', preset: 'magento', extra: 'base_url: https://magento.example.com' },
  { file: 'magento2-sample-data/products_gear_bags.csv', preset: 'magento', extra: 'base_url: https://magento.example.com' },
  { file: 'magento2-sample-data/products_gear_watches.csv', preset: 'magento', extra: 'base_url: https://magento.example.com' },
  { file: 'magento2-sample-data/products_gear_fitness_equipment.csv', preset: 'magento', extra: 'base_url: https://magento.example.com' },
  { file: 'magento2-sample-data/products_gear_fitness_equipment_ball.csv', preset: 'magento', extra: 'base_url: https://magento.example.com' },
  { file: 'magento2-sample-data/products_gear_fitness_equipment_strap.csv', preset: 'magento', extra: 'base_url: https://magento.example.com' },
  { file: 'woocommerce-sample-data/sample_products.csv', preset: 'woocommerce', extra: '' },
  { file: 'woocommerce-sample-data/sample_products.xml', preset: 'woocommerce', extra: '' },
  { file: 'akeneo-catalogs/small_products.csv.gz', preset: 'akeneo', extra: 'content_locale: en_US\n  scope: ecommerce' },
];

describe('real shop exports through the CLI', () => {
  for (const c of CASES) {
    it(`${c.file} (${c.preset})`, async () => {
      const dir = await demoProject();
      const config = (await readFile(path.join(dir, 'shelfcast.yaml'), 'utf8'))
        .replace('path: fixtures/demo/catalog.csv', `path: ${path.join(SHARED, 'data', c.file)}`)
        .replace('preset: google', `preset: ${c.preset}${c.extra ? `\n  ${c.extra}` : ''}`)
        .replace('currency: USD', c.preset === 'akeneo' ? 'currency: EUR' : 'currency: USD');
      await writeFile(path.join(dir, 'shelfcast.yaml'), config);
      if (c.preset === 'akeneo') {
        // The Akeneo sample prices in EUR: point the feeds at a euro market.
        for (const feed of await readdir(path.join(dir, 'feeds'))) {
          const f = path.join(dir, 'feeds', feed);
          await writeFile(f, (await readFile(f, 'utf8')).replace('currency: USD', 'currency: EUR').replace('country: US', 'country: DE').replace('language: en', 'language: de'));
        }
      }
      const r = await runCli(['run', '--json', '--force'], dir);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect([0, 1]).toContain(r.code);
      const doc = JSON.parse(r.stdout);
      expect(doc.items.total).toBeGreaterThan(0);
      expect(doc.items.valid).toBeGreaterThan(0);
      for (const issue of doc.issues) {
        expect(issue.code).toMatch(/^[a-z0-9_.-]+$/);
        expect(issue.message.length).toBeGreaterThan(10);
      }
      // Every valid item is in each feed or left out with a reason.
      for (const feed of doc.feeds) {
        expect(feed.items + feed.excluded + feed.filtered, feed.id).toBe(doc.items.valid);
        if (feed.excluded > 0) expect(doc.issues.some((i: { feed?: string; severity: string }) => i.feed === feed.id && i.severity === 'error'), feed.id).toBe(true);
      }
      // Magento and WooCommerce samples have no GTIN and no brand: Google and Meta, and Amazon (brand
      // and an identifier or the GTIN exemption) leave their items out, each with its reason above.
      // What the marketplace pushes would send passes their contracts (0 violations); the rest was left out above.
      const amazon = JSON.parse(await readFile(path.join(dir, 'out', 'amazon.json'), 'utf8'));
      // (A feed of no messages is never sent; the schema wants at least one.)
      if (amazon.messages.length > 0) expect(amazonValidators().feed(amazon)).toEqual([]);
      const ebay = JSON.parse(await readFile(path.join(dir, 'out', 'ebay.json'), 'utf8'));
      const validate = ebayValidator();
      for (const item of ebay.items) {
        expect(validate('InventoryItemWithSkuLocale', item.inventoryItem), item.sku).toEqual([]);
        expect(validate('EbayOfferDetailsWithKeys', item.offer), item.sku).toEqual([]);
        expect(Object.keys(item.inventoryItem.product.aspects ?? {}).length, item.sku).toBeGreaterThan(0);
      }
    });
  }
});
