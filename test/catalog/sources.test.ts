import { describe, expect, it } from 'vitest';
import { SourceJoin, type JoinSource } from '../../src/catalog/sources/join-sources.js';
import { KeyedTable, KeyedTableBuilder } from '../../src/catalog/sources/keyed-table.js';
import type { MappedRow } from '../../src/catalog/types.js';
import { projectConfigSchema } from '../../src/config/project-schema.js';
import { sourcePriceConverter } from '../../src/catalog/sources/source-prices.js';

const row = (fields: Record<string, string>, extra: Record<string, string> = {}): MappedRow => ({ row: 2, fields: { ...fields }, extra: { ...extra } });

function source(name: string, rows: Array<[string, Record<string, string>]>, winners: Record<string, 'override' | 'fill'> = {}, primaryKey = 'id'): JoinSource {
  const b = new KeyedTableBuilder();
  rows.forEach(([key, values], i) => b.add(key, i + 2, Object.entries(values)));
  const table = b.finish();
  return { name, file: `${name}.csv`, key: 'id', primaryKey, winners: table.fields.map((f) => winners[f] ?? 'override'), table };
}

describe('the keyed table', () => {
  it('finds every key after growing, keeps the first row of a duplicate, and reads values in order', () => {
    const b = new KeyedTableBuilder();
    for (let i = 0; i < 5000; i++) expect(b.add(`SKU-${i}-é`, i + 2, [['price', `${i}.00 USD`], ['title', ''], ['extra.note', `n${i}`]])).toBeUndefined();
    expect(b.add('SKU-7-é', 9999, [['price', 'x']])).toBe(9);
    const t = new KeyedTable(b.finish());
    expect(t.size).toBe(5000);
    const e = t.lookup('SKU-4321-é');
    const seen: string[] = [];
    t.values(e, (f, v) => seen.push(`${t.data.fields[f]}=${v}`));
    expect(seen).toEqual(['price=4321.00 USD', 'extra.note=n4321']);
    expect(t.row(e)).toBe(4323);
    expect(t.lookup('SKU-4321')).toBe(-1);
    expect(t.lookup('')).toBe(-1);
    expect([...t.unmatched()].length).toBe(4999);
  });
});

describe('joining sources onto rows', () => {
  it('overrides with non-empty values, fills only blanks, applies sources in order and records where each field came from', () => {
    const join = new SourceJoin({
      primary: 'products',
      sources: [
        source('prices', [['A', { price: '9.00 USD', sale_price: '8.00 USD' }]]),
        source('labels', [['A', { title: 'From labels', custom_label_0: 'sale', price: '7.00 USD', 'extra.margin': 'high' }]], { title: 'fill', price: 'fill' }),
      ],
    });
    const r = row({ id: 'A', title: 'Own title', price: '10.00 USD' });
    const provenance: Record<string, string> = {};
    join.apply(r, provenance);
    expect(r.fields).toEqual({ id: 'A', title: 'Own title', price: '9.00 USD', sale_price: '8.00 USD', custom_label_0: 'sale' });
    expect(r.extra).toEqual({ margin: 'high' });
    expect(provenance).toEqual({ id: 'products', title: 'products', price: 'prices', sale_price: 'prices', custom_label_0: 'labels', 'extra.margin': 'labels' });
    const blank = row({ id: 'A', title: '  ' });
    join.apply(blank);
    expect(blank.fields.title).toBe('From labels');
  });

  it('joins by another key and reports the keys no row asked for, once, with file and row', () => {
    const join = new SourceJoin({ primary: 'p', sources: [source('stock', [['0001', { quantity: '3' }], ['0002', { quantity: '4' }]], {}, 'gtin')] });
    const r = row({ id: 'A', gtin: ' 0001 ' });
    join.apply(r);
    expect(r.fields.quantity).toBe('3');
    expect(join.unmatched().map((i) => [i.code, i.file, i.row, i.id])).toEqual([['catalog.source.unmatched', 'stock.csv', 3, '0002']]);
  });
});

describe('catalog.sources in shelfcast.yaml', () => {
  const parse = (sources: unknown[]) => projectConfigSchema.safeParse({ catalog: { path: 'products.csv', sources } });
  it('takes sources with their own mapping, and refuses names used twice and unknown fields', () => {
    expect(parse([{ path: 'prices.csv', columns: { id: 'sku' }, fields: ['price'] }]).success).toBe(true);
    expect(parse([{ path: 'x/products.json' }]).error?.issues.map((i) => i.message).join()).toMatch(/also the name of the primary catalog/);
    expect(parse([{ path: 'a.csv', fields: { prise: 'fill' } }]).error?.issues.map((i) => i.message).join()).toMatch(/"prise" is not a canonical field.*price/);
    expect(parse([{ path: 'a.csv', fields: ['extra.margin'], key: 'gtin' }]).success).toBe(true);
  });
});

describe('a source in its own number locale and currency', () => {
  it('has its prices rewritten as the catalog writes them, and leaves what does not parse to validation', () => {
    const toCatalog = sourcePriceConverter({ locale: 'de-DE', currency: 'EUR' }, { locale: 'en-US', currency: 'EUR' })!;
    expect(toCatalog('price', '1.234,50')).toBe('1234.50 EUR');
    expect(toCatalog('sale_price', '19,00 €')).toBe('19.00 EUR');
    expect(toCatalog('title', '1.234,50')).toBe('1.234,50');
    expect(toCatalog('price', 'ask us')).toBe('ask us');
    const toGerman = sourcePriceConverter({ locale: 'en-US', currency: 'USD' }, { locale: 'de-DE' })!;
    expect(toGerman('price', '1,234.50')).toBe('1234,50 USD');
    expect(sourcePriceConverter({}, { locale: 'de-DE', currency: 'EUR' })).toBeUndefined();
  });

  it('refuses a locale that is not one, naming the source', () => {
    const parsed = projectConfigSchema.safeParse({ catalog: { path: 'products.csv', sources: [{ path: 'prices.csv', locale: 'de_DE!' }] } });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['catalog.sources.0.locale', expect.stringMatching(/is not a locale/)]]);
  });
});
