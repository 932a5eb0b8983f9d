import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, SHARED } from './cli.js';

/**
 * Every real shop export in ../shared/data and the Shopify export made from Shopify's product
 * template, through the built CLI with one feed per channel: per channel, the items published and
 * why the others were left out. Nothing the shop does not publish goes out; nothing is lost to a
 * bad optional field.
 */
const DATA = path.join(SHARED, 'data');
const SHOPIFY = path.join(REPO, 'fixtures', 'catalog', 'shopify-template-export.csv');
const CASES = [
  { file: path.join(DATA, 'magento2-sample-data/configurable_products.csv'), preset: 'magento', extra: ['base_url: https://magento.example.com'], eur: false },
  { file: path.join(DATA, 'magento2-sample-data/products_gear_watches.csv'), preset: 'magento', extra: ['base_url: https://magento.example.com'], eur: false },
  { file: path.join(DATA, 'woocommerce-sample-data/sample_products.csv'), preset: 'woocommerce', extra: ['base_url: https://shop.example.com'], eur: false },
  { file: path.join(DATA, 'woocommerce-sample-data/sample_products.xml'), preset: 'woocommerce', extra: [], eur: false },
  { file: path.join(DATA, 'akeneo-catalogs/small_products.csv.gz'), preset: 'akeneo', extra: ['content_locale: en_US', 'scope: ecommerce'], eur: true },
  { file: SHOPIFY, preset: 'shopify', extra: ['base_url: https://shop.example.com'], eur: false },
];

function feedFiles(eur: boolean): Record<string, string> {
  const market = eur ? 'country: DE\nlanguage: de\ncurrency: EUR\n' : 'country: US\nlanguage: en\ncurrency: USD\n';
  return {
    google: `channel: google\nformat: xml\n${market}`,
    microsoft: `channel: microsoft\nformat: tsv\n${market}`,
    meta: `channel: meta\nformat: csv\n${market}`,
    pinterest: `channel: pinterest\nformat: csv\n${market}`,
    tiktok: `channel: tiktok\nformat: csv\n${market}`,
    snapchat: `channel: snapchat\nformat: csv\n${market}`,
    amazon: `channel: amazon\nformat: json\n${market}options: { sellerId: S, marketplaceId: ATVPDKIKX0DER, issueLocale: en_US, productType: PRODUCT }\n`,
    ebay: `channel: ebay\nformat: json\n${market}options: { marketplaceId: EBAY_US, locale: en_US, merchantLocationKey: w, fulfillmentPolicyId: "1", paymentPolicyId: "2", returnPolicyId: "3", categoryId: "99" }\n`,
  };
}

/** Catalog fields no feed channel requires (shipping is: Microsoft in DE and AT): a bad value there may drop the value, never the item. */
const OPTIONAL = new Set(['gtin', 'mpn', 'gender', 'age_group', 'sale_price', 'sale_price_effective_date', 'availability_date', 'mobile_link', 'identifier_exists', 'item_group_id', 'google_product_category', 'additional_image_link', 'color', 'size', 'material', 'pattern']);

/** Google requires color, gender, age_group (and size for clothing) of apparel in the US: missing, they are required fields, not optional ones. */
const APPAREL_REQUIRED = /^google\.(color|gender|age_group|size)\.missing$/;

/** Marketplaces whose listing rules require some of them (Amazon: a GTIN or exemption, and color for product type PRODUCT). */
const MARKETPLACES = new Set(['amazon', 'ebay']);

interface Doc {
  items: { total: number; valid: number; invalid: number; unpublished: number };
  feeds: Array<{ id: string; items: number; excluded: number; filtered: number }>;
  issues: Array<{ severity: string; code: string; feed?: string; id?: string; field?: string }>;
}

async function build(c: (typeof CASES)[number]): Promise<{ doc: Doc; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-published-'));
  await mkdir(path.join(dir, 'feeds'));
  const yaml = ['name: Real', 'catalog:', `  path: ${c.file}`, `  preset: ${c.preset}`, `  currency: ${c.eur ? 'EUR' : 'USD'}`, ...c.extra.map((l) => `  ${l}`), 'shop: { title: Real, link: https://shop.example.com, description: Real }', 'feeds: feeds', 'output: out', 'state: .shelfcast', ''];
  await writeFile(path.join(dir, 'shelfcast.yaml'), yaml.join('\n'));
  for (const [id, text] of Object.entries(feedFiles(c.eur))) await writeFile(path.join(dir, 'feeds', `${id}.yaml`), text);
  const r = await runCli(['build', '--json', '--force'], dir);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .+:\d+:\d+/);
  expect([0, 1]).toContain(r.code);
  return { doc: JSON.parse(r.stdout) as Doc, dir };
}

describe('the right items from real shop exports, per channel', () => {
  for (const c of CASES) {
    it(`${path.basename(c.file)} (${c.preset})`, async () => {
      const { doc } = await build(c);
      const why = (feed: string) => {
        const counts: Record<string, number> = {};
        for (const i of doc.issues) if (i.feed === feed && i.severity === 'error') counts[i.code] = (counts[i.code] ?? 0) + 1;
        return counts;
      };
      const table = doc.feeds.map((f) => `${f.id.padEnd(10)} ${String(f.items).padStart(5)} published, ${f.excluded} left out ${JSON.stringify(why(f.id))}`);
      console.info(`${path.basename(c.file)}: ${doc.items.total} items, ${doc.items.valid} valid, ${doc.items.unpublished} not published by the shop\n  ${table.join('\n  ')}`);
      for (const f of doc.feeds) {
        // Every valid item is in the feed or left out with a reason (an item error, or the catalog's one error for a column no row gives).
        expect(f.items + f.excluded + f.filtered, f.id).toBe(doc.items.valid);
        if (f.excluded > 0) expect(doc.issues.some((i) => (i.feed === f.id && i.severity === 'error') || i.code === 'catalog.column_missing'), f.id).toBe(true);
      }
      // Items lost only to an invalid optional field: none, in the catalog or in any feed channel.
      const optionalErrors = doc.issues.filter((i) => i.severity === 'error' && i.field !== undefined && OPTIONAL.has(i.field) && !MARKETPLACES.has(i.feed ?? '') && !APPAREL_REQUIRED.test(i.code));
      expect(optionalErrors).toEqual([]);
    });
  }

  it('the Shopify template export: drafts, archived and unpublished products are in no feed; a mangled barcode loses the barcode only', async () => {
    const { doc, dir } = await build(CASES.find((c) => c.preset === 'shopify')!);
    expect(doc.items.unpublished).toBe(4);
    expect(doc.issues.filter((i) => i.code === 'catalog.unpublished').map((i) => i.id)).toEqual(['example-pants-32', 'example-pants-34', 'example-hat', 'example-socks']);
    const files = (await readdir(path.join(dir, 'out'))).filter((f) => !f.startsWith('.'));
    expect(files.length).toBe(8);
    for (const f of files) {
      const text = await readFile(path.join(dir, 'out', f), 'utf8');
      for (const id of ['example-pants', 'example-hat', 'example-socks']) expect(text, f).not.toContain(id);
      expect(text, f).not.toMatch(/E\+1[12]/);
    }
    // Shopify's template T-shirt has size (its option), gender and age group but no color: Google
    // disapproves such apparel in the US, so it is left out there and named; Microsoft, which does
    // not require color, publishes it.
    const google = await readFile(path.join(dir, 'out', 'google.xml'), 'utf8');
    expect(google).not.toContain('<g:id>example-shirt-s</g:id>');
    expect(doc.issues.filter((i) => i.feed === 'google' && i.severity === 'error').map((i) => [i.code, i.id])).toEqual([
      ['google.color.missing', 'example-shirt-s'],
      ['google.color.missing', 'example-shirt-m'],
      ['google.color.missing', 'example-shirt-l'],
    ]);
    const microsoft = await readFile(path.join(dir, 'out', 'microsoft.tsv'), 'utf8');
    expect(microsoft).toContain('example-shirt-s');
    expect(doc.issues.filter((i) => i.code === 'gtin.spreadsheet_number').map((i) => [i.severity, i.id])).toEqual([
      ['warning', 'example-shirt-s'],
      ['warning', 'example-shirt-l'],
    ]);
  });
});
