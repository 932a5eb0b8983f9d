import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { amazonOptionsSchema } from '../../src/channels/amazon/listing-options.js';
import { amazonValidators } from '../servers/amazon-specs.js';
import { ebayValidator } from '../servers/ebay-specs.js';
import { demoProject, runCli, SHARED } from './cli.js';

interface Issue {
  severity: string;
  code: string;
  feed?: string;
  id?: string;
  field?: string;
  message: string;
  fix?: string;
}
interface FeedSummary {
  id: string;
  items: number;
  excluded: number;
  filtered: number;
}

/**
 * What a merchant selling such an export on Amazon adds to feeds/amazon.yaml: the shop's own brand
 * for items without one, that brand's GTIN exemption, and the attributes Amazon requires that the
 * export has no column for. The merged options are parsed with the channel's strict options schema,
 * so a name that is not an option fails the test.
 */
function withMerchantSettings(options: Record<string, unknown>, brand: string): Record<string, unknown> {
  const merged = {
    ...options,
    default_brand: brand,
    gtin_exemption: true,
    attribute_defaults: { ...(options.attribute_defaults as object), item_type_keyword: 'sports-equipment', color: 'multicolor' },
  };
  amazonOptionsSchema.parse(merged);
  return merged;
}

/**
 * Every item Amazon leaves out carries an Amazon error, and the fix of each names the catalog column
 * the error is about or an option of the amazon channel that fills it (only real options).
 */
function expectExplainedAmazonExclusions(doc: { issues: Issue[]; feeds: FeedSummary[] }): void {
  const amazon = doc.feeds.find((f) => f.id === 'amazon')!;
  const errors = doc.issues.filter((i) => i.feed === 'amazon' && i.severity === 'error');
  expect(new Set(errors.map((i) => i.id)).size, 'items with an Amazon error').toBe(amazon.excluded);
  const options = new Set(Object.keys(amazonOptionsSchema.shape));
  for (const e of errors) {
    expect(e.fix, `${e.code} of ${e.id}`).toBeTruthy();
    const named = [...e.fix!.matchAll(/options\.([a-z_A-Z]+)/g)].map((m) => m[1]!);
    for (const o of named) expect(options, `${e.code} names options.${o}`).toContain(o);
    expect(named.length > 0 || (e.field !== undefined && e.fix!.includes(e.field)), `${e.code}: ${e.fix}`).toBe(true);
  }
}

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
      // What the marketplace pushes would send passes their contracts (0 violations); the rest was left out above.
      const amazonDoc = JSON.parse(await readFile(path.join(dir, 'out', 'amazon.json'), 'utf8'));
      // (A feed of no messages is never sent; the schema wants at least one.)
      if (amazonDoc.messages.length > 0) expect(amazonValidators().feed(amazonDoc)).toEqual([]);
      const ebay = JSON.parse(await readFile(path.join(dir, 'out', 'ebay.json'), 'utf8'));
      const validate = ebayValidator();
      for (const item of ebay.items) {
        expect(validate('InventoryItemWithSkuLocale', item.inventoryItem), item.sku).toEqual([]);
        expect(validate('EbayOfferDetailsWithKeys', item.offer), item.sku).toEqual([]);
        expect(Object.keys(item.inventoryItem.product.aspects ?? {}).length, item.sku).toBeGreaterThan(0);
      }
      expectExplainedAmazonExclusions(doc);
      // The Akeneo sample has generated attribute names only (no price, link or image column).
      if (c.preset === 'akeneo') return;
      // Magento and WooCommerce samples have no GTIN and no brand: Google, Meta and Amazon (which
      // requires a brand, and a GTIN or the brand's exemption) leave every item out.
      const amazon = (d: { feeds: FeedSummary[] }) => d.feeds.find((f) => f.id === 'amazon')!;
      expect(amazon(doc).items).toBe(0);
      const ids = new Set(doc.issues.filter((i: Issue) => i.feed === 'amazon').map((i: Issue) => i.id));
      for (const [code, option] of [['amazon.brand.missing', 'options.default_brand'], ['amazon.externally_assigned_product_identifier.missing', 'options.gtin_exemption']]) {
        const found = doc.issues.filter((i: Issue) => i.code === code);
        expect(found.length, code).toBe(ids.size);
        for (const i of found) expect(i.fix).toContain(option);
      }

      // With the merchant's settings Amazon takes the items; what it still leaves out is explained.
      const feedFile = path.join(dir, 'feeds', 'amazon.yaml');
      const feed = parseYaml(await readFile(feedFile, 'utf8'));
      feed.options = withMerchantSettings(feed.options, c.preset === 'magento' ? 'Luma' : 'Woo');
      await writeFile(feedFile, stringifyYaml(feed));
      const configured = await runCli(['run', '--json', '--force', '--feed', 'amazon'], dir);
      expect(configured.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
      expect([0, 1], configured.stderr).toContain(configured.code);
      const after = JSON.parse(configured.stdout);
      expect(amazon(after).items).toBeGreaterThan(0);
      expect(amazon(after).items + amazon(after).excluded + amazon(after).filtered).toBe(after.items.valid);
      expect(after.issues.filter((i: Issue) => i.code === 'amazon.brand.missing' || i.code === 'amazon.externally_assigned_product_identifier.missing')).toEqual([]);
      expectExplainedAmazonExclusions(after);
      expect(amazonValidators().feed(JSON.parse(await readFile(path.join(dir, 'out', 'amazon.json'), 'utf8')))).toEqual([]);
    });
  }
});
