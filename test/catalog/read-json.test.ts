import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShelfcastError } from '../../src/issues/issue.js';
import { TextCursor } from '../../src/catalog/text-cursor.js';
import { arrayElements, enterArray } from '../../src/catalog/json-scanner.js';
import { chunked, FIXTURES, readAll, rejection, tempFile } from './helpers.js';

async function elements(text: string, chunkSize: number, jsonPath: string[] = []): Promise<string[]> {
  const cursor = new TextCursor(chunked(text, chunkSize));
  await enterArray(cursor, jsonPath, 1 << 20);
  const out: string[] = [];
  for await (const e of arrayElements(cursor, 1 << 20)) out.push(e.text);
  return out;
}

describe('readCatalog: JSON', () => {
  it('reads the array at json_path item by item, flattening nested objects and joining scalar arrays', async () => {
    const rows = await readAll({ location: path.join(FIXTURES, 'products.json'), jsonPath: 'data.products' });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      row: 1,
      fields: {
        id: 'J-1',
        title: 'Lamp "Nova" [white]',
        'price.value': '49.00',
        'price.currency': 'EUR',
        gtin: '00012345678905',
        tags: 'home,light',
        stock: '3',
        active: 'true',
        note: '',
      },
    });
    expect(rows[1]!.fields['variants.color']).toBe('red,blue');
  });

  it('finds element boundaries whatever the chunking (strings with brackets, escapes, nesting)', async () => {
    const text = ' [ {"a":"x]}\\"[{"} , {"b":[1,{"c":"}"}]} ,"scalar", 12 ,null ] ';
    const expected = ['{"a":"x]}\\"[{"}', '{"b":[1,{"c":"}"}]}', '"scalar"', '12', 'null'];
    for (const size of [1, 2, 3, 7, 1000]) expect(await elements(text, size)).toEqual(expected);
    const nested = '{"skip":{"items":[1]},"x":[2],"items":[{"id":1}]}';
    for (const size of [1, 5, 100]) expect(await elements(nested, size, ['items'])).toEqual(['{"id":1}']);
  });

  it('rejects __proto__, constructor and prototype keys as record errors without polluting', async () => {
    const file = tempFile('p.json', '[{"id":"A","__proto__":{"polluted":"yes"},"x":{"constructor":{"prototype":1}}}]');
    const rows = await readAll(file);
    expect(rows[0]!.fields).toEqual({ id: 'A' });
    expect(rows[0]!.issues!.map((i) => [i.code, i.field])).toEqual([
      ['catalog.key.forbidden', '__proto__'],
      ['catalog.key.forbidden', 'x.constructor'],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The fields inherit nothing (their prototype has no prototype of its own).
    expect(Object.getPrototypeOf(Object.getPrototypeOf(rows[0]!.fields))).toBeNull();
    expect('toString' in rows[0]!.fields).toBe(false);
  });

  it('makes a broken or non-object item a record error and goes on', async () => {
    const rows = await readAll(tempFile('mixed.json', '[{"id":"A"}, "text", {"id": tru}, {"id":"D"}]'));
    expect(rows.map((r) => r.issues?.[0]?.code)).toEqual([undefined, 'catalog.json.not_object', 'catalog.json.invalid', undefined]);
    expect(rows[3]).toEqual({ row: 4, fields: { id: 'D' } });
  });

  it('refuses items nested deeper than the limit without a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const rows = await readAll(tempFile('deep.json', `[${deep},{"id":"ok"}]`));
    expect(rows[0]!.issues![0]!.code).toBe('catalog.item.too_deep');
    expect(rows[1]!.fields).toEqual({ id: 'ok' });
  });

  it('says to set json_path when the document is an object', async () => {
    const err = await rejection(readAll(tempFile('obj.json', '{"products":[]}')));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('json_path');
  });

  it('fails the run when json_path is missing or the document is malformed before the items', async () => {
    const missing = await rejection(readAll({ location: tempFile('m.json', '{"a":{"b":1},"c":[1]}'), jsonPath: 'a.items' }));
    expect(missing).toBeInstanceOf(ShelfcastError);
    expect(missing.message).toContain('no key "a.items"');
    const unquoted = await rejection(readAll({ location: tempFile('u.json', '{items:[]}'), jsonPath: 'items' }));
    expect(unquoted).toBeInstanceOf(ShelfcastError);
    expect(unquoted.message).toContain('expected a key in quotes');
  });

  it('fails the run for a truncated document, naming the file', async () => {
    const err = await rejection(readAll(tempFile('cut.json', '[{"id":"A"},{"id":')));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toMatch(/cut\.json.*after item 1/);
  });

  it('reads a large array in several chunks', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ id: `P-${i}`, title: `Item ${i} ]}`, gtin: '00012345678905' }));
    const rows = await readAll(tempFile('big.json', JSON.stringify(items)));
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]!.fields).toEqual({ id: 'P-19999', title: 'Item 19999 ]}', gtin: '00012345678905' });
  });

  it('reports invalid UTF-8 inside an item as an error on that item', async () => {
    const bytes = Buffer.concat([Buffer.from('[{"id":"A"},{"id":"B","t":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}]')]);
    const rows = await readAll(tempFile('bad.json', bytes));
    expect(rows[0]!.issues).toBeUndefined();
    expect(rows[1]!.issues![0]).toMatchObject({ code: 'catalog.encoding.invalid_utf8', row: 2 });
  });
});

describe('readCatalog: NDJSON', () => {
  it('reads line by line, skips blank lines and reports a bad line as a record error', async () => {
    const rows = await readAll(path.join(FIXTURES, 'products.ndjson'));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(rows[1]!.fields).toEqual({ id: 'N-2', title: 'Second', 'dims.w': '2', 'dims.h': '3' });
    expect(rows[2]!.issues![0]).toMatchObject({ severity: 'error', code: 'catalog.json.invalid', row: 3 });
    expect(rows[3]!.fields).toEqual({ id: 'N-4', title: 'Fourth' });
  });

  it('reads .jsonl with a __proto__ key as a record error', async () => {
    const rows = await readAll(tempFile('p.jsonl', '{"id":"A","__proto__":{"polluted":1}}\n'));
    expect(rows[0]!.fields).toEqual({ id: 'A' });
    expect(rows[0]!.issues![0]!.code).toBe('catalog.key.forbidden');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
