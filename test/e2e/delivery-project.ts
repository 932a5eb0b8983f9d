import { readFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO } from './cli.js';

/**
 * A project with one Google feed published by the `file` destination into `published/`, and a
 * catalog of `rows` items made from the demo catalog's rows with unique ids. `priceCents` shifts
 * every price, so two catalogs with different shifts give two different, equally long feeds.
 */
export async function deliveryProject(options: { rows: number; catalogPath?: string }): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-delivery-'));
  await mkdir(path.join(dir, 'feeds'));
  await writeFile(
    path.join(dir, 'shelfcast.yaml'),
    ['name: Delivery Test', 'catalog:', `  path: ${options.catalogPath ?? 'catalog.csv'}`, '  preset: google', '  currency: USD', 'feeds: feeds', 'output: out', 'state: .shelfcast', ''].join('\n'),
  );
  await writeFile(
    path.join(dir, 'feeds', 'google.yaml'),
    ['channel: google', 'format: xml', 'country: US', 'language: en', 'currency: USD', 'destination:', '  type: file', '  dir: published', ''].join('\n'),
  );
  return dir;
}

/** The demo catalog grown to `rows` items, every price raised by `priceCents`. */
export async function catalogText(rows: number, priceCents: number): Promise<string> {
  const demo = parse(await readFile(path.join(REPO, 'fixtures', 'demo', 'catalog.csv'), 'utf8'), { bom: true }) as string[][];
  const [header, ...body] = demo;
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const out = [header!.map(quote).join(',')];
  for (let i = 0; i < rows; i++) {
    // First column is the id; prices are written `24.00 USD`.
    const row = body[i % body.length]!.map((v, col) =>
      col === 0
        ? `${v}-${i}`
        : v.replace(/^(\d+)\.(\d{2}) USD$/, (_m, u: string, c: string) => {
            const cents = Number(u) * 100 + Number(c) + priceCents;
            return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')} USD`;
          }),
    );
    out.push(row.map(quote).join(','));
  }
  return `${out.join('\n')}\n`;
}
