import { describe, expect, it } from 'vitest';
import type { FeedRecord, FormatSpec } from '../../src/channels/define-channel.js';
import { CHANNEL_IDS, loadChannel } from '../../src/channels/registry.js';
import { createSerializer, documentWriter } from '../../src/serializers/index.js';
import { readDelimited, splitRepeated } from './delimited-reader.js';

/** Values a naive delimited writer gets wrong. */
const TRICKY = [
  '"Leading quote', '12" Teflon Frying Pan', 'commas, in, text', 'tab\tinside', 'line\nbreak', 'crlf\r\nbreak',
  'trailing spaces  ', '  leading spaces', 'quote "mid" value', '"', ',', 'plain',
];
const columns = ['id', 'title', 'description', 'product_type', 'additional_image_link', 'shipping'];
const records: FeedRecord[] = TRICKY.map((v, i) => ({
  id: `sku-${i}`,
  title: v,
  description: `${v} / ${v}`,
  product_type: `Home, Garden > ${v}`,
  additional_image_link: [`https://a.example/${i}.jpg?x=1,2`, 'https://a.example/b.jpg'],
  shipping: [{ country: 'US', region: '', service: `Express, ${i}`, price: '4.95 USD' }],
}));

const tabular = (await Promise.all(CHANNEL_IDS.map(loadChannel))).flatMap((ch) =>
  ch.formats.filter((f) => ['csv', 'tsv', 'tsv-quoted'].includes(f.serializer) && !ch.serializers?.[f.serializer]).map((f) => [`${ch.id} ${f.id}`, f] as [string, FormatSpec]),
);

function write(format: FormatSpec): string {
  const w = documentWriter(createSerializer({ format, columns, header: { title: 't', link: 'l', description: 'd' }, options: {} }));
  return w.header() + records.map((r) => w.item(r)).join('') + w.footer();
}

const flat = (v: FeedRecord[string]): string[] =>
  typeof v === 'string' ? [v] : v.map((one) => (typeof one === 'string' ? one : Object.values(one).join(':')));

describe('every delimited writer, read back with its channel’s documented rules', () => {
  it('covers the channels with CSV or TSV formats', () => {
    const ids = tabular.map(([name]) => name);
    for (const name of ['google tsv', 'microsoft tsv', 'meta csv', 'pinterest csv', 'pinterest tsv', 'tiktok csv', 'snapchat csv', 'idealo csv', 'csv csv', 'csv tsv']) expect(ids).toContain(name);
  });

  it.each(tabular)('%s: every value comes back as the record held it', (_name, format) => {
    const text = write(format);
    const quotes = format.serializer !== 'tsv';
    const rows = readDelimited(text, { delimiter: format.serializer === 'csv' ? ',' : '\t', quotes });
    expect(rows[0]).toEqual(columns);
    expect(rows).toHaveLength(records.length + 1);
    records.forEach((record, r) => {
      const row = rows[r + 1]!;
      expect(row).toHaveLength(columns.length);
      columns.forEach((c, k) => {
        const values = flat(record[c]!);
        if (format.serializer === 'tsv') {
          // No quoting: tabs and line breaks inside a value become one space each, quotes stay.
          expect(row[k], `${c} of ${record.id}`).toBe(values.join(',').replace(/\r\n|[\t\r\n]/g, ' '));
        } else if (format.repeated?.includes(c)) {
          expect(splitRepeated(row[k]!), `${c} of ${record.id}`).toEqual(values);
        } else {
          expect(row[k], `${c} of ${record.id}`).toBe(values.join(','));
        }
      });
    });
  });

  it('google tsv keeps a repeated attribute’s value with a comma as one value', () => {
    const google = tabular.find(([name]) => name === 'google tsv')![1];
    const rows = readDelimited(write(google), { delimiter: '\t', quotes: true });
    expect(splitRepeated(rows[1]![columns.indexOf('product_type')]!)).toEqual(['Home, Garden > "Leading quote']);
    expect(rows[1]![columns.indexOf('title')]).toBe('"Leading quote');
    expect(rows[4]![columns.indexOf('title')]).toBe('tab\tinside');
  });
});
