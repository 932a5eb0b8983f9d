import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PINTEREST_FEED_CURRENCIES } from '../../src/channels/pinterest/feed-currencies.js';
import { TIKTOK_CATALOG_CURRENCIES } from '../../src/channels/tiktok/catalog-currencies.js';
import { CURRENCY_CODES } from '../../src/product/currency-codes.js';
import { PINTEREST_OPENAPI } from './pinterest/pinterest-item-schema.js';

/** The channels' currency lists are their published enums, less what ISO 4217 no longer assigns (the config refuses those anyway). */
const SPECS = path.resolve(process.cwd(), '../shared/specs');
const iso = new Set(CURRENCY_CODES);
const sorted = (codes: Iterable<string>) => [...codes].sort();

/** The valid keys of every `x-open-enum` named `name` in a TikTok Business API fragment. */
function tiktokEnum(node: unknown, name: string, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => tiktokEnum(n, name, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, any>;
    if (o['x-open-enum']?.enum_package_name === name) for (const e of o['x-open-enum'].enums) if (e.is_valid) found.push(e.key);
    for (const v of Object.values(o)) tiktokEnum(v, name, found);
  }
  return found;
}

describe('channel currency lists against the published specs', () => {
  it("TikTok: catalog/create's CatalogCurrency", () => {
    const spec = parseYaml(readFileSync(path.join(SPECS, 'tiktok/catalog_create.yml'), 'utf8'));
    const published = new Set(tiktokEnum(spec, 'CatalogCurrency'));
    expect(published.size).toBeGreaterThan(90);
    expect(sorted(TIKTOK_CATALOG_CURRENCIES)).toEqual(sorted([...published].filter((c) => iso.has(c))));
  });

  it("Pinterest: a feed's default_currency (NullableCurrency)", () => {
    const schemas = JSON.parse(readFileSync(PINTEREST_OPENAPI, 'utf8')).components.schemas;
    const published: string[] = schemas.CatalogsFeedsCreateRequest.properties.default_currency.$ref === '#/components/schemas/NullableCurrency' ? schemas.NullableCurrency.enum : [];
    expect(published.length).toBeGreaterThan(100);
    expect(sorted(PINTEREST_FEED_CURRENCIES)).toEqual(sorted(published.filter((c) => c !== null && iso.has(c))));
  });
});
