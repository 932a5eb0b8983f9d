import { describe, expect, it } from 'vitest';
import type { FeedRecord } from '../../src/channels/define-channel.js';
import { loadChannel } from '../../src/channels/registry.js';
import { createSerializer, documentWriter } from '../../src/serializers/index.js';
import { createItemParser } from '../../src/serializers/item-parser.js';
import { quotedTsvItems } from '../../src/serializers/tsv-quoted-reader.js';
import { readGoogleTsv } from './delimited-reader.js';

const google = (await loadChannel('google')).formats.find((f) => f.id === 'tsv')!;
const columns = ['id', 'title', 'description', 'product_type', 'additional_image_link', 'shipping'];
const records: FeedRecord[] = [
  {
    id: 'mug-1',
    title: 'Mug, blue',
    description: 'Stoneware, glazed.\nDishwasher safe, 12" tall.',
    product_type: 'Home, Garden > Kitchen',
    additional_image_link: ['https://img.example.com/mug,side.jpg', 'https://img.example.com/mug-top.jpg'],
    shipping: [{ country: 'US', region: '', service: 'Standard, tracked', price: '4.95 USD' }],
  },
  {
    id: 'mug-2',
    title: 'Mug',
    description: 'Plain',
    product_type: 'Home > "Kitchen" > Mugs',
    additional_image_link: ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg'],
    shipping: [{ country: 'US', region: '', service: 'Standard', price: '4.95 USD' }, { country: 'CA', region: '', service: 'Express', price: '9.95 USD' }],
  },
  { id: 'mug-3', title: 'Mug', description: 'Plain', product_type: 'Home > Kitchen', additional_image_link: [], shipping: [] },
];

function write(): string {
  const w = documentWriter(createSerializer({ format: google, columns, header: { title: 't', link: 'l', description: 'd' }, options: {} }));
  return w.header() + records.map((r) => w.item(r)).join('') + w.footer();
}

/** The values Google is meant to read for a record's field: a list's entries, or one text. */
const meant = (v: FeedRecord[string]): string[] =>
  typeof v === 'string' ? (v === '' ? [''] : [v]) : v.length === 0 ? [''] : v.map((one) => (typeof one === 'string' ? one : Object.values(one).join(':')));

describe('google TSV: repeated attributes under Google\'s "quoted fields" rules', () => {
  it('quotes each value of a repeated attribute that holds a comma, never the whole list', () => {
    const text = write();
    // mug-1: the description is quoted whole (line break); each list entry with a comma on its own.
    expect(text).toContain('mug-1\tMug, blue\t"Stoneware, glazed.\nDishwasher safe, 12"" tall."\t"Home, Garden > Kitchen"\t"https://img.example.com/mug,side.jpg",https://img.example.com/mug-top.jpg\t"US::Standard, tracked:4.95 USD"\n');
    // A quote in a product type quotes that value; a list without commas or quotes is plain.
    expect(text).toContain('mug-2\tMug\tPlain\t"Home > ""Kitchen"" > Mugs"\thttps://img.example.com/a.jpg,https://img.example.com/b.jpg\tUS::Standard:4.95 USD,CA::Express:9.95 USD\n');
    const lines = text.split('\n');
    expect(lines.at(-2)).toBe('mug-3\tMug\tPlain\tHome > Kitchen\t\t');
  });

  it('reads back, split as Google splits it, to exactly the values each record held', () => {
    const [header, ...lines] = readGoogleTsv(write());
    expect(header!.map((c) => c.join(','))).toEqual(columns);
    expect(lines).toHaveLength(records.length);
    records.forEach((record, r) => {
      columns.forEach((c, k) => {
        const values = lines[r]![k]!;
        if (['product_type', 'additional_image_link', 'shipping'].includes(c)) expect(values, `${c} of ${record.id}`).toEqual(meant(record[c]!));
        else expect(values.join(','), `${c} of ${record.id}`).toBe(record[c]);
      });
    });
    expect(lines[0]![columns.indexOf('product_type')]).toEqual(['Home, Garden > Kitchen']);
    expect(lines[1]![columns.indexOf('product_type')]).toEqual(['Home > "Kitchen" > Mugs']);
    expect(lines[1]![columns.indexOf('shipping')]).toEqual(['US::Standard:4.95 USD', 'CA::Express:9.95 USD']);
  });

  it('plan and API pushes read the file the same way (src reader agrees with the rules reader)', () => {
    const text = write();
    const items = quotedTsvItems(text);
    expect(items[0]).toMatchObject({
      title: 'Mug, blue',
      description: 'Stoneware, glazed.\nDishwasher safe, 12" tall.',
      product_type: 'Home, Garden > Kitchen',
      additional_image_link: ['https://img.example.com/mug,side.jpg', 'https://img.example.com/mug-top.jpg'],
      shipping: 'US::Standard, tracked:4.95 USD',
    });
    expect(items[1]!.shipping).toEqual(['US::Standard:4.95 USD', 'CA::Express:9.95 USD']);
    const [head, ...rows] = text.split(/(?<=\n)(?=mug-)/);
    const parser = createItemParser('tsv-quoted', head!);
    expect(rows.map((row) => parser.parse(row))).toEqual(items);
  });

  it('the rules reader refuses what Google would misread: text after a closing quote, a lone quote', () => {
    expect(() => readGoogleTsv('id\ttitle\nA\t"12" pan"\n')).toThrow(/lone quote|unclosed/);
    expect(() => readGoogleTsv('id\ttitle\nA\tsay "hi"\n')).toThrow(/unquoted value/);
  });
});
