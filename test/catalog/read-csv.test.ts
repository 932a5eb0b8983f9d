import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ShelfcastError } from '../../src/issues/issue.js';
import { readAll, rejection, tempFile } from './helpers.js';

describe('readCatalog: CSV and TSV', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects the %s delimiter (%s) from the header line', async (d) => {
    const file = tempFile('products.csv', `id${d}title${d}price\nA-1${d}"Mug${d} big"${d}12.99\nA-2${d}Plate${d}5\n`);
    const rows = await readAll(file);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.fields).toEqual({ id: 'A-1', title: `Mug${d} big`, price: '12.99' });
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('uses the configured delimiter over detection', async () => {
    const file = tempFile('products.csv', 'id;title,with comma\nA;B,C\n');
    const rows = await readAll({ location: file, delimiter: ';' });
    expect(rows[0]!.fields).toEqual({ id: 'A', 'title,with comma': 'B,C' });
  });

  it("honours Excel's sep= line and does not count it as a row", async () => {
    const rows = await readAll(tempFile('sep.csv', 'sep=;\r\nid;title,x\r\nA;B,C\r\n'));
    expect(rows).toEqual([{ row: 2, fields: { id: 'A', 'title,x': 'B,C' } }]);
  });

  it('reads .tsv files: tabs, quotes inside a cell kept, spreadsheet-quoted cells unquoted', async () => {
    const file = tempFile('products.tsv', 'id\ttitle\tnote\nA\t12" pizza, "thin"\t"two\tparts ""quoted"""\n');
    const rows = await readAll(file);
    expect(rows[0]!.fields).toEqual({ id: 'A', title: '12" pizza, "thin"', note: 'two\tparts "quoted"' });
  });

  it('strips the byte order mark from the first column name', async () => {
    const file = tempFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,title\nA,Mug\n')]));
    const rows = await readAll(file);
    expect(Object.keys(rows[0]!.fields)).toEqual(['id', 'title']);
    expect(rows[0]!.fields.id).toBe('A');
  });

  it('keeps a quoted cell with embedded newlines in one row, and counts rows as a spreadsheet does', async () => {
    const file = tempFile('nl.csv', 'id,description\r\nA,"line 1\r\nline 2\nline 3"\r\nB,plain\r\n');
    const rows = await readAll(file);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.fields.description).toBe('line 1\r\nline 2\nline 3');
    expect(rows[1]).toMatchObject({ row: 3, fields: { id: 'B' } });
  });

  it('keeps every value a string: leading zeros of GTINs survive', async () => {
    const file = tempFile('gtin.csv', 'id,gtin,price,active\nA,00012345678905,012.50,true\n');
    const rows = await readAll(file);
    expect(rows[0]!.fields).toEqual({ id: 'A', gtin: '00012345678905', price: '012.50', active: 'true' });
  });

  it('ignores trailing empty lines and trailing empty cells', async () => {
    const file = tempFile('trail.csv', 'id,title\nA,Mug,,\nB,Plate\n\n\n\r\n');
    const rows = await readAll(file);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.issues === undefined)).toBe(true);
  });

  it('reports invalid UTF-8 as an error naming the row and column, never silently', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,title\nA,Caf\xc3\xa9\nB,Bad ', 'latin1'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' bytes\nC,Genuine \xef\xbf\xbd ok\n', 'latin1'),
    ]);
    const rows = await readAll(tempFile('bad.csv', bytes));
    expect(rows[0]!.fields.title).toBe('Café');
    expect(rows[0]!.issues).toBeUndefined();
    expect(rows[1]!.issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'catalog.encoding.invalid_utf8', row: 3, field: 'title' }),
    ]);
    expect(rows[1]!.issues![0]!.message).toContain('row 3');
  });

  it('warns about invalid UTF-8 in the header', async () => {
    const rows = await readAll(tempFile('badhead.csv', Buffer.concat([Buffer.from('id,ti'), Buffer.from([0xe9]), Buffer.from('tle\nA,B\n')])));
    expect(rows[0]!.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'catalog.encoding.invalid_utf8', row: 1 })]);
  });

  it('does not blame a genuine U+FFFD when the whole file is valid UTF-8', async () => {
    const rows = await readAll(tempFile('ok.csv', 'id,title\nA,Genuine \uFFFD\n'));
    expect(rows[0]!.issues).toBeUndefined();
  });

  it('reads gzip-compressed files transparently', async () => {
    const file = tempFile('products.csv.gz', gzipSync('sku;name\nG-1;Gzipped\n'));
    const rows = await readAll(file);
    expect(rows[0]!.fields).toEqual({ sku: 'G-1', name: 'Gzipped' });
  });

  it('fails the run with a clear message for a corrupt .gz file', async () => {
    const err = await rejection(readAll(tempFile('broken.csv.gz', 'not gzip at all')));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('broken.csv.gz');
    expect(err.message).toContain('gzip');
  });

  it('renames duplicate and empty header names and warns once, on the first product', async () => {
    const rows = await readAll(tempFile('dup.csv', 'id,price,,price,title\nA,1,x,2,Mug\nB,3,y,4,Cup\n'));
    expect(rows[0]!.fields).toEqual({ id: 'A', price: '1', column_3: 'x', 'price (2)': '2', title: 'Mug' });
    const codes = rows[0]!.issues!.map((i) => [i.code, i.severity, i.row]);
    expect(codes).toEqual([
      ['catalog.header.empty', 'warning', 1],
      ['catalog.header.duplicate', 'warning', 1],
    ]);
    expect(rows[0]!.issues![1]!.message).toMatch(/columns 2 and 4 are both named "price"/);
    expect(rows[1]!.issues).toBeUndefined();
  });

  it('ignores columns named __proto__ or constructor and never pollutes prototypes', async () => {
    const rows = await readAll(tempFile('proto.csv', 'id,__proto__,constructor\nA,{"polluted":1},x\n'));
    expect(Object.keys(rows[0]!.fields)).toEqual(['id']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(rows[0]!.issues!.map((i) => i.code)).toEqual(['catalog.header.forbidden', 'catalog.header.forbidden']);
  });

  it('reports a row with the wrong number of cells as a record error', async () => {
    const rows = await readAll(tempFile('count.csv', 'id,title,price\nA,Mug\nB,Cup,3,extra\nC,Plate,4\n'));
    expect(rows.map((r) => r.issues?.[0]?.code)).toEqual(['catalog.columns.count', 'catalog.columns.count', undefined]);
    expect(rows[0]!.issues![0]).toMatchObject({ severity: 'error', row: 2 });
  });

  it('fails the run for a missing file, naming it and the fix', async () => {
    const err = await rejection(readAll('/nonexistent/catalog.csv'));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('/nonexistent/catalog.csv');
    expect(err.message).toContain('file not found');
    expect(err.message).toContain('catalog.path');
  });

  it('fails the run for an empty file (no header)', async () => {
    const err = await rejection(readAll(tempFile('empty.csv', '\n\n')));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('no header');
  });

  it('fails the run when a quote is never closed, naming the row', async () => {
    const err = await rejection(readAll(tempFile('quote.csv', 'id,title\nA,Mug\nB,"open\n')));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toMatch(/quote\.csv.*row 3/);
  });

  it('fails the run for an unknown extension unless the format is set', async () => {
    const file = tempFile('catalog.dat', 'id\nA\n');
    expect((await rejection(readAll(file))).message).toContain('catalog.format');
    expect((await readAll({ location: file, format: 'csv' }))[0]!.fields).toEqual({ id: 'A' });
  });

  it('streams a large file with rows spanning chunk boundaries', async () => {
    const lines = ['id,description,gtin'];
    for (let i = 0; i < 20_000; i++) lines.push(`P-${i},"Line one ${i}\nline ""two"", é",0000${i}`);
    const rows = await readAll(tempFile('big.csv', `${lines.join('\n')}\n`));
    expect(rows).toHaveLength(20_000);
    expect(rows[12_345]).toEqual({ row: 12_347, fields: { id: 'P-12345', description: 'Line one 12345\nline "two", é', gtin: '000012345' } });
  });
});
