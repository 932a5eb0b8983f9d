import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogColumnFor, columnAttributes, entryShape, productTypeDefinition, SHIPPED_PRODUCT_TYPES } from '../../../src/channels/amazon/product-types.js';
import { SPECS_DIR } from '../../servers/spec-files.js';

const DOCS = path.join(SPECS_DIR, 'amazon/product-types-docs');

describe('Amazon product type definitions shipped with shelfcast', () => {
  it('are the definitions of ../shared/specs/amazon, generated unchanged', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-ptd-'));
    try {
      const out = path.join(dir, 'data.ts');
      execFileSync(process.execPath, ['scripts/generate-amazon-product-types.mjs', DOCS, out]);
      expect(readFileSync(out, 'utf8')).toBe(readFileSync('src/channels/amazon/product-type-data.ts', 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(SHIPPED_PRODUCT_TYPES).toEqual(readdirSync(DOCS).map((f) => f.replace('_documentation.md', '')).sort());
  });

  it('look a type up with its required attributes, as the definition lists them', () => {
    const home = productTypeDefinition('HOME');
    expect(home).toMatchObject({ type: 'HOME', shipped: true, variations: true });
    const listed = readFileSync(path.join(DOCS, 'HOME_documentation.md'), 'utf8').replace(/\r\n/g, '\n').split('\n## Required Fields\n')[1]!.split('\n## ')[0]!;
    expect([...home.required]).toEqual([...listed.matchAll(/`([a-z0-9_]+)`/g)].map((m) => m[1]));
    expect(home.required).toContain('item_type_keyword');
    expect(productTypeDefinition('FURNITURE').required).toContain('fabric_type');
    // PRODUCT defines no variation attributes: it cannot list a family.
    expect(productTypeDefinition('PRODUCT').variations).toBe(false);
  });

  it('check a type without a shipped definition against what every shipped type requires', () => {
    const shirt = productTypeDefinition('SHIRT');
    expect(shirt).toMatchObject({ shipped: false, variations: true });
    expect([...shirt.required]).toEqual(['brand', 'bullet_point', 'country_of_origin', 'item_name', 'item_type_keyword', 'product_description']);
    for (const t of SHIPPED_PRODUCT_TYPES) for (const a of shirt.required) expect(productTypeDefinition(t).required).toContain(a);
  });

  it('say how an entry is written and which catalog column fills an attribute', () => {
    expect(entryShape('HOME', 'item_type_keyword')).toEqual({ valueKey: 'value', language: false });
    expect(entryShape('HOME', 'variation_theme')).toEqual({ valueKey: 'name', language: false });
    expect(entryShape('HOME', 'brand')).toEqual({ valueKey: 'value', language: true });
    expect(entryShape('PRODUCT', 'parentage_level')).toBeUndefined();
    expect(catalogColumnFor('item_name')).toBe('title');
    expect(catalogColumnFor('country_of_origin')).toBe('country_of_origin');
    expect(columnAttributes(productTypeDefinition('HOME'))).toEqual(['country_of_origin', 'item_type_keyword', 'supplier_declared_dg_hz_regulation']);
  });
});
