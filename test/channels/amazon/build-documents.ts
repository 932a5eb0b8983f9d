import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import amazon from '../../../src/channels/amazon/index.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { createAmazonListingsSerializer } from '../../../src/channels/amazon/amazon-listings.js';
import { documentWriter } from '../../../src/serializers/serializer.js';
import type { BuiltFile } from '../../../src/transports/types.js';
import { sampleProduct } from '../sample-product.js';

export const AMAZON_OPTIONS = amazon.options!.parse({ sellerId: 'A1SELLER', marketplaceId: 'ATVPDKIKX0DER', product_types: { Apparel: 'SHIRT' }, attribute_defaults: { country_of_origin: 'PT', item_type_keyword: 'shirts' } });

/** `n` distinct products, rows 2..n+1. */
export const catalog = (n: number): Product[] => Array.from({ length: n }, (_, i) => sampleProduct({ id: `SKU-${String(i + 1).padStart(4, '0')}`, quantity: i % 7 }));

/** Built listings documents of `perDocument` messages each, as files in a fresh folder. */
export async function buildDocuments(products: Product[], perDocument: number, only?: string[]): Promise<{ dir: string; files: BuiltFile[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shelfcast-amazon-push-'));
  const format = amazon.formats[0]!;
  const feed: FeedTarget = { id: 'amazon-us', format: 'json', options: AMAZON_OPTIONS, only };
  const s = documentWriter(createAmazonListingsSerializer({ format, columns: [], header: { title: 'Shop', link: 'https://shop.example.com', description: 'All' }, options: AMAZON_OPTIONS }));
  const files: BuiltFile[] = [];
  for (let start = 0; start < products.length; start += perDocument) {
    let text = s.header();
    products.slice(start, start + perDocument).forEach((p, i) => {
      const r = amazon.map(p, { feed, row: start + i + 2, now: new Date('2026-11-25T08:00:00Z') });
      text += s.item(r.record as FeedRecord);
    });
    text += s.footer();
    const name = files.length === 0 ? 'amazon-us.json' : `amazon-us.part-${files.length + 1}.json`;
    await writeFile(path.join(dir, name), text);
    files.push({ path: path.join(dir, name), name, contentType: format.contentType });
  }
  return { dir, files };
}
