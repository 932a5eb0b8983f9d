import { describe, expect, it } from 'vitest';
import { readChannelQuantities } from '../../src/stock/read-channel-quantities.js';
import { fileHash, readCounts } from '../../src/stock/read-counts.js';

const AT = '2026-03-01T06:00:00.000Z';

describe('stock import: warehouse and POS counts', () => {
  it('reads header aliases, a semicolon delimiter and the default location', () => {
    const text = '\uFEFFItem SKU;QTY\nMUG;4\nTEE;0\n';
    const r = readCounts(text, 'pos.csv', { at: AT });
    expect(r.issues).toEqual([]);
    expect(r.source).toBe(fileHash(text));
    expect(r.events).toEqual([
      { kind: 'count', key: `import:${r.source}:MUG:default`, sku: 'MUG', location: 'default', quantity: 4, at: AT },
      { kind: 'count', key: `import:${r.source}:TEE:default`, sku: 'TEE', location: 'default', quantity: 0, at: AT },
    ]);
  });

  it('uses a given key and a counted_at column, and reports bad rows by row number', () => {
    const text = [
      'sku,warehouse,on_hand,counted_at',
      'MUG,berlin,4,2026-02-28T18:00:00+01:00',
      ',berlin,3,',
      'TEE,berlin,-1,',
      'CAP,berlin,2.5,',
      'BAG,berlin,1,someday',
      'MUG,berlin,6,',
    ].join('\n');
    const r = readCounts(text, 'wh.csv', { at: AT, key: 'wh-2026-02-28' });
    expect(r.events).toEqual([{ kind: 'count', key: 'import:wh-2026-02-28:MUG:berlin', sku: 'MUG', location: 'berlin', quantity: 4, at: '2026-02-28T17:00:00.000Z' }]);
    expect(r.issues.map((i) => [i.code, i.row])).toEqual([
      ['stock.import.sku_missing', 3],
      ['stock.import.quantity_invalid', 4],
      ['stock.import.quantity_invalid', 5],
      ['stock.import.at_invalid', 6],
      ['stock.import.duplicate', 7],
    ]);
  });

  it('names the missing columns as a run-level error', () => {
    expect(() => readCounts('article;amount\nMUG;4\n', 'odd.csv', { at: AT })).toThrow(
      'odd.csv: no sku column (or seller_sku, item_sku, variant_sku) and no quantity column (or qty, on_hand, onhand, quantity_on_hand); the columns are article, amount (rename the header)',
    );
  });
});

describe('stock reconcile: channel quantities', () => {
  it('reads the nested JSON shape', () => {
    const r = readChannelQuantities(JSON.stringify({ amazon: { MUG: 3, TEE: 0 }, ebay: { MUG: '2' } }), 'q.json');
    expect(r.issues).toEqual([]);
    expect([...r.quantities].map(([c, m]) => [c, [...m]])).toEqual([['amazon', [['MUG', 3], ['TEE', 0]]], ['ebay', [['MUG', 2]]]]);
  });

  it('reads JSON rows and CSV with --channel, reporting duplicates and bad quantities', () => {
    const rows = readChannelQuantities(JSON.stringify([{ Channel: 'ebay', SKU: 'MUG', Quantity: 1 }, { channel: 'ebay', sku: 'MUG', quantity: 2 }]), 'rows.json');
    expect([...rows.quantities.get('ebay')!]).toEqual([['MUG', 1]]);
    expect(rows.issues.map((i) => i.code)).toEqual(['stock.reconcile.duplicate']);
    const csv = readChannelQuantities('sku\tqty\nMUG\t5\nTEE\tn/a\n', 'shop.tsv', 'shop');
    expect([...csv.quantities.get('shop')!]).toEqual([['MUG', 5]]);
    expect(csv.issues.map((i) => [i.code, i.row])).toEqual([['stock.reconcile.row_invalid', 3]]);
  });
});
