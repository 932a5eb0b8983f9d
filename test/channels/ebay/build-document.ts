import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ebay from '../../../src/channels/ebay/index.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { createEbayInventorySerializer } from '../../../src/channels/ebay/ebay-inventory.js';
import { documentWriter } from '../../../src/serializers/serializer.js';
import type { BuiltFile } from '../../../src/transports/types.js';
import { sampleProduct } from '../sample-product.js';

export const EBAY_OPTIONS = ebay.options!.parse({
  merchantLocationKey: 'warehouse-1', fulfillmentPolicyId: '111', paymentPolicyId: '222', returnPolicyId: '333', categoryId: '15687',
});

export const catalog = (n: number): Product[] => Array.from({ length: n }, (_, i) => sampleProduct({ id: `EB-${String(i + 1).padStart(4, '0')}`, quantity: 1 + (i % 5) }));

/** The built ebay-inventory document of `products` (rows 2..), as a file in a fresh folder. */
export async function buildDocument(products: Product[], only?: string[], options = EBAY_OPTIONS): Promise<{ dir: string; files: BuiltFile[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'shelfcast-ebay-push-'));
  const format = ebay.formats[0]!;
  const feed: FeedTarget = { id: 'ebay-us', format: 'json', options, only };
  const s = documentWriter(createEbayInventorySerializer({ format, columns: [], header: { title: 'Shop', link: 'https://shop.example.com', description: 'All' }, options }));
  let text = s.header();
  products.forEach((p, i) => {
    const r = ebay.map(p, { feed, row: i + 2, now: new Date('2026-11-25T08:00:00Z') });
    if (r.record) text += s.item(r.record as FeedRecord);
  });
  text += s.footer();
  const file = path.join(dir, 'ebay-us.json');
  await writeFile(file, text);
  return { dir, files: [{ path: file, name: 'ebay-us.json', contentType: format.contentType }] };
}
