import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, SHARED } from './cli.js';

/** A project on `catalog` (WooCommerce preset) with one Pinterest CSV feed, which needs no brand. */
async function project(catalog: string, baseUrl: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-woo-'));
  await mkdir(path.join(dir, 'feeds'));
  await writeFile(
    path.join(dir, 'shelfcast.yaml'),
    `name: Woo\ncatalog:\n  path: ${catalog}\n  preset: woocommerce\n  currency: USD\n  base_url: ${baseUrl}\nshop: { title: Woo, link: ${baseUrl}, description: Woo }\nfeeds: feeds\noutput: out\nstate: .shelfcast\n`,
  );
  await writeFile(path.join(dir, 'feeds', 'pinterest.yaml'), 'channel: pinterest\nformat: csv\ncountry: US\nlanguage: en\ncurrency: USD\n');
  return dir;
}

const rowsOf = async (dir: string): Promise<Record<string, string>[]> => parse(await readFile(path.join(dir, 'out', 'pinterest.csv'), 'utf8'), { columns: true }) as Record<string, string>[];

describe('WooCommerce variation links in a built feed', () => {
  it('the real CSV sample: each of the 9 variations links to its parent page with its own attributes', async () => {
    const dir = await project(path.join(SHARED, 'data', 'woocommerce-sample-data', 'sample_products.csv'), 'https://shop.example.com');
    const r = await runCli(['build', '--force'], dir);
    expect(r.code).toBe(0);
    const variations = (await rowsOf(dir)).filter((row) => row.item_group_id);
    expect(variations).toHaveLength(9);
    expect(new Set(variations.map((v) => v.link)).size).toBe(9);
    for (const v of variations) expect(v.link).toMatch(/^https:\/\/shop\.example\.com\/\?post_type=product&p=74[12]&attribute_pa_color=(red|green|blue)(&attribute_logo=(Yes|No))?$/);
    // Once per run, not per row.
    expect((r.stdout + r.stderr).match(/woocommerce\.link\.guessed/g)).toHaveLength(1);
  });

  it('a WordPress XML export without <link>: post-id links, titles from the parent, one info line', async () => {
    const dir = await project(path.join(REPO, 'fixtures', 'catalog', 'woocommerce-no-links.xml'), 'https://shop.example.com');
    const r = await runCli(['build', '--force'], dir);
    expect(r.stdout + r.stderr).toContain('3 product links were made from WordPress post ids (https://shop.example.com/?post_type=product&p=<ID>): these WordPress XML items have no <link>');
    const rows = await rowsOf(dir);
    expect(rows.map((row) => [row.title, row.link])).toEqual([
      ['Rain Jacket - Navy Blue, Detachable hood', 'https://shop.example.com/?post_type=product&p=301&attribute_pa_color=navy-blue&attribute_hood=Detachable+hood'],
      ['Rain Jacket - Olive', 'https://shop.example.com/?post_type=product&p=301&attribute_pa_color=olive'],
      ['Wool Beanie', 'https://shop.example.com/?post_type=product&p=310'],
    ]);
  });
});
