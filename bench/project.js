// The benchmark's shelfcast project: the Google preset over the generated catalog and six feeds.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

// The generated catalog writes bare amounts in `price` and the currency in its own `currency`
// column (as the peer reads it). The google preset has no per-row currency column, so the project
// declares the catalog currency; every generated row uses it.
const PROJECT = `name: Bench Shop
catalog:
  path: catalog.csv
  preset: google
  currency: USD
shop:
  title: Bench feed
  link: https://shop.example.com
  description: bench
feeds: feeds
output: out
state: .shelfcast
`;

const common = (channel, format) => `channel: ${channel}\nformat: ${format}\ncountry: US\nlanguage: en\ncurrency: USD\n`;

/** The six feeds built at once: file name -> feed file text. */
export const FEEDS = {
  'google.yaml': common('google', 'xml'),
  'meta.yaml': common('meta', 'csv'),
  'pinterest.yaml': common('pinterest', 'tsv'),
  'tiktok.yaml': common('tiktok', 'csv'),
  'idealo.yaml': `${common('idealo', 'csv')}options:\n  deliveryTime: 1-3 days\n  deliveryCosts:\n    standard: 4.95\n`,
  'amazon.yaml': `${common('amazon', 'json')}options:\n  sellerId: BENCH-SELLER\n  marketplaceId: ATVPDKIKX0DER\n  productType: PRODUCT\n`,
};

/** Writes the project into `dir` (shelfcast.yaml and feeds/); returns the project file's path. */
export async function writeProject(dir) {
  await mkdir(path.join(dir, 'feeds'), { recursive: true });
  await writeFile(path.join(dir, 'shelfcast.yaml'), PROJECT);
  for (const [name, text] of Object.entries(FEEDS)) await writeFile(path.join(dir, 'feeds', name), text);
  return path.join(dir, 'shelfcast.yaml');
}

/** Removes the outputs and state of earlier runs, so every build starts from the same place. */
export async function resetProject(dir) {
  await rm(path.join(dir, 'out'), { recursive: true, force: true });
  await rm(path.join(dir, '.shelfcast'), { recursive: true, force: true });
}
