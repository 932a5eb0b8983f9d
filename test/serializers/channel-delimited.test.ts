import { describe, expect, it } from 'vitest';
import type { FeedRecord, FormatSpec } from '../../src/channels/define-channel.js';
import { CHANNEL_IDS, loadChannel } from '../../src/channels/registry.js';
import { createSerializer, documentWriter } from '../../src/serializers/index.js';
import { readDelimited } from './delimited-reader.js';

/** Values a naive delimited writer gets wrong. */
const TRICKY = [
  '"Leading quote', '12" Teflon Frying Pan', 'commas, in, text', 'tab\tinside', 'line\nbreak', 'crlf\r\nbreak',
  'trailing spaces  ', '  leading spaces', 'quote "mid" value', '"', ',', 'plain',
];
const columns = ['id', 'title', 'description', 'brand'];
const records: FeedRecord[] = TRICKY.map((v, i) => ({
  id: `sku-${i}`,
  title: v,
  description: `${v} / ${v}`,
  brand: `${v}, ${i}`,
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
        } else {
          expect(row[k], `${c} of ${record.id}`).toBe(values.join(','));
        }
      });
    });
  });

  it('google tsv keeps a leading quote and a tab as the record held them', () => {
    const google = tabular.find(([name]) => name === 'google tsv')![1];
    const rows = readDelimited(write(google), { delimiter: '\t', quotes: true });
    expect(rows[1]![columns.indexOf('title')]).toBe('"Leading quote');
    expect(rows[4]![columns.indexOf('title')]).toBe('tab\tinside');
  });
});
