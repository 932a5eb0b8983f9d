import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SHARED } from './cli.js';

/**
 * The Magento sample on Google as apparel (Clothing, 1604) for the US, with only the brand the
 * export lacks: gender and age_group come from the Men/Women category paths, so no item is left out
 * for them (before the preset read the paths, all 1,847 were, for google.gender/age_group.missing).
 */
describe('magento configurable_products.csv on Google as apparel', () => {
  it('publishes every item, with gender and age_group from the category path and one info line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-magento-'));
    await mkdir(path.join(dir, 'feeds'));
    const catalog = path.join(SHARED, 'data', 'magento2-sample-data', 'configurable_products.csv');
    await writeFile(
      path.join(dir, 'shelfcast.yaml'),
      `name: Real\ncatalog:\n  path: ${catalog}\n  preset: magento\n  currency: USD\n  base_url: https://magento.example.com\nshop: { title: Real, link: https://shop.example.com, description: Real }\nfeeds: feeds\noutput: out\nstate: .shelfcast\n`,
    );
    await writeFile(
      path.join(dir, 'feeds', 'google.yaml'),
      'channel: google\nformat: xml\ncountry: US\nlanguage: en\ncurrency: USD\nrules:\n  - default: { field: brand, value: Luma }\n  - default: { field: google_product_category, value: "1604" }\n',
    );
    const r = await runCli(['build', '--json'], dir);
    const doc = JSON.parse(r.stdout) as { feeds: { items: number; excluded: number; issueCodes: { code: string }[] }[]; issues: { code: string; message: string }[] };
    expect(doc.feeds[0]).toMatchObject({ items: 1847, excluded: 0 });
    expect(doc.feeds[0]!.issueCodes.map((c) => c.code)).not.toContain('google.gender.missing');
    const info = doc.issues.filter((i) => i.code === 'magento.wearer.from_path');
    expect(info).toHaveLength(1);
    expect(info[0]!.message).toMatch(/^gender of 1847 and age_group of 1847 products/);
  });
});
