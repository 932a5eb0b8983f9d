import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedRecord, FieldValue, FormatSpec, SerializerId } from '../../src/channels/define-channel.js';
import { diffRecord } from '../../src/rules/record-diff.js';
import { FeedOutput } from '../../src/run/feed-output.js';
import { createSerializer, documentWriter, removeIllegalChars } from '../../src/serializers/index.js';
import { createItemParser } from '../../src/serializers/item-parser.js';
import amazon from '../../src/channels/amazon/index.js';
import ebay from '../../src/channels/ebay/index.js';
import { HOSTILE } from './hostile-values.js';

/** The channels' own writers, as their definitions give them to the build. */
const OWN = { ...amazon.serializers, ...ebay.serializers };

const header = { title: 'Shop', link: 'https://shop.example.com', description: 'd' };
const format = (serializer: SerializerId, split?: FormatSpec['split']): FormatSpec => ({ id: serializer, serializer, ext: 'txt', contentType: 'text/plain', split });
const AMAZON = { sellerId: 'S1', marketplaceId: 'ATVPDKIKX0DER' };
const EBAY = { merchantLocationKey: 'wh', fulfillmentPolicyId: '1', paymentPolicyId: '2', returnPolicyId: '3' };

/** The leaf fields of an item, as plan diffs them (everything "added" against an empty item). */
const leafFields = (item: Record<string, unknown>, ignore: readonly string[] = []): Record<string, FieldValue | undefined> =>
  Object.fromEntries(diffRecord({}, item, ignore).map((d) => [d.field, d.after]));

/** Serializes the records as one document and reads each item text back with the format's parser. */
function roundTrip(id: SerializerId, records: FeedRecord[], columns: string[] = [], options?: Record<string, unknown>) {
  const s = createSerializer({ format: format(id), columns, header, options }, OWN);
  const w = documentWriter(s);
  const parser = createItemParser(id, w.header());
  const texts = records.map((r) => w.item(r));
  return { texts, parser, items: texts.map((t) => parser.parse(t)), locators: s.locators ?? [] };
}

describe('RSS item parser', () => {
  it('drops the prefix, decodes entities, lists repeated elements, nests objects', () => {
    const { items } = roundTrip('rss', [
      {
        id: 'A&B',
        title: 'Tom & Jerry\'s "<b>best</b>"',
        description: 'line one\r\nline two',
        additional_image_link: ['https://a/1.jpg?x=1&y=2', 'https://a/2.jpg'],
        shipping: [{ country: 'US', service: 'Standard', price: '4.95 USD' }],
        empty: '',
      },
    ]);
    expect(leafFields(items[0]!)).toEqual({
      id: 'A&B',
      title: 'Tom & Jerry\'s "<b>best</b>"',
      description: 'line one\r\nline two',
      additional_image_link: ['https://a/1.jpg?x=1&y=2', 'https://a/2.jpg'],
      'shipping[0].country': 'US',
      'shipping[0].service': 'Standard',
      'shipping[0].price': '4.95 USD',
    });
  });

  it('reads every hostile value back as the serializer cleaned it, edge spaces kept', () => {
    const { items } = roundTrip('rss', HOSTILE.map((v, i) => ({ id: String(i), title: v })));
    items.forEach((item, i) => {
      const clean = removeIllegalChars(HOSTILE[i]!);
      expect(item.title, JSON.stringify(HOSTILE[i])).toBe(clean === '' ? undefined : clean);
    });
  });

  it('keeps two shipping entries apart and reads another namespace prefix', () => {
    const { items } = roundTrip('rss', [{ id: '1', shipping: [{ country: 'US' }, { country: 'CA', price: '9 CAD' }] }], [], { prefix: 'x', namespace: 'urn:x' });
    expect(items[0]).toEqual({ id: '1', shipping: [{ country: 'US' }, { country: 'CA', price: '9 CAD' }] });
  });

  it('refuses what is not an item', () => {
    const parser = createItemParser('rss', '');
    expect(() => parser.parse('<entry><id>1</id></entry>')).toThrow(/not an RSS <item>/);
    expect(() => parser.parse('<item>\n  <g:id>1</g:title>\n</item>\n')).toThrow();
    expect(() => parser.parse('<item>\n  stray <g:id>1</g:id>\n</item>\n')).toThrow(/text outside an element/);
  });
});

describe.each(['csv', 'tsv'] as const)('%s item parser', (id) => {
  const columns = ['id', 'title', 'additional_image_link', 'shipping', 'missing'];

  it('names cells after the header row, joins lists as the serializer does, leaves out empty cells', () => {
    const { items } = roundTrip(id, [{ id: '1', title: 'plain', additional_image_link: ['a', 'b'], shipping: [{ country: 'US', region: '', price: '4.95 USD' }] }], columns);
    expect(items[0]).toEqual({ id: '1', title: 'plain', additional_image_link: 'a,b', shipping: 'US::4.95 USD' });
  });

  it('reads every hostile value back as the serializer wrote it (quotes, delimiters, line breaks)', () => {
    const { items } = roundTrip(id, HOSTILE.map((v, i) => ({ id: String(i), title: v })), columns);
    items.forEach((item, i) => {
      let clean = removeIllegalChars(HOSTILE[i]!);
      if (id === 'tsv') clean = clean.replace(/\r\n|[\t\r\n]/g, ' ');
      expect(item.title, JSON.stringify(HOSTILE[i])).toBe(clean === '' ? undefined : clean);
    });
  });
});

describe('csv item parser options', () => {
  it('reads CRLF lines, quoted header names and formula-guarded cells', () => {
    const { items } = roundTrip('csv', [{ id: '1', 'name, full': 'a\r\nb', note: '=1+1' }], ['id', 'name, full', 'note'], { eol: '\r\n', formulaGuard: true });
    expect(items[0]).toEqual({ id: '1', 'name, full': 'a\r\nb', note: "'=1+1" });
  });

  it('refuses a text of two records, or more cells than columns', () => {
    const parser = createItemParser('csv', 'a,b\n');
    expect(() => parser.parse('1,2\n3,4\n')).toThrow(/2 CSV records/);
    expect(() => parser.parse('1,2,3\n')).toThrow(/3 cells for 2 columns/);
  });
});

describe('JSON item parsers', () => {
  it('strip the separator of a JSON array, so the same record has the same body anywhere', () => {
    const { texts, parser, items } = roundTrip('json', [{ id: '1', title: 'a "b"\n' }, { id: '1', title: 'a "b"\n' }]);
    expect(texts[0]!.startsWith('\n')).toBe(true);
    expect(texts[1]!.startsWith(',\n')).toBe(true);
    expect(parser.body(texts[1]!)).toBe(parser.body(texts[0]!));
    expect(items[1]).toEqual({ id: '1', title: 'a "b"\n' });
  });

  it('read NDJSON lines', () => {
    const { items, texts, parser } = roundTrip('ndjson', [{ id: '1', images: ['a', 'b'] }]);
    expect(parser.body(texts[0]!)).toBe('{"id":"1","images":["a","b"]}');
    expect(leafFields(items[0]!)).toEqual({ id: '1', images: ['a', 'b'] });
  });

  it('read eBay items, with their row as a locator', () => {
    const record = { sku: 'S-1', row: '7', offer: JSON.stringify({ pricingSummary: { price: { value: '18.50', currency: 'USD' } } }) };
    const { items, locators } = roundTrip('ebay-inventory', [record, { ...record, row: '9' }], [], EBAY);
    expect(locators).toEqual(['row']);
    expect(leafFields(items[1]!, locators)).toEqual({ sku: 'S-1', 'offer.pricingSummary.price.value': '18.50', 'offer.pricingSummary.price.currency': 'USD' });
    expect(diffRecord(items[0]!, items[1]!, locators)).toEqual([]);
  });

  it('read the items of a split Amazon feed from every part, messageId a locator', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-items-'));
    const s = createSerializer({ format: format('amazon-listings'), columns: [], header, options: AMAZON }, OWN);
    const out = new FeedOutput(dir, 'amazon.json', format('amazon-listings', { maxItems: 2 }), s);
    const records = [2, 3, 4, 5, 6].map((row) => ({
      row: String(row),
      sku: `SKU-${row}`,
      operationType: 'UPDATE',
      productType: 'SHIRT',
      attributes: JSON.stringify({ purchasable_offer: [{ currency: 'USD', our_price: [{ schedule: [{ value_with_tax: row + 0.5 }] }] }] }),
    }));
    const at = [];
    for (const r of records) at.push(await out.write(r));
    await out.close();
    await out.commit();
    expect(at.map((a) => a.part)).toEqual([1, 1, 2, 2, 3]);
    const parser = createItemParser('amazon-listings', '');
    for (const [k, a] of at.entries()) {
      const file = await readFile(path.join(dir, ['amazon.json', 'amazon.part-2.json', 'amazon.part-3.json'][a.part - 1]!));
      const text = file.toString('utf8', a.offset, a.offset + a.length);
      // Each part opens with its own first item: no comma before it.
      expect(text.startsWith(k % 2 === 0 ? '\n{' : ',\n{')).toBe(true);
      expect(leafFields(parser.parse(text), s.locators)).toEqual({
        sku: `SKU-${k + 2}`,
        operationType: 'UPDATE',
        productType: 'SHIRT',
        'attributes.purchasable_offer[0].currency': 'USD',
        'attributes.purchasable_offer[0].our_price[0].schedule[0].value_with_tax': String(k + 2.5),
      });
    }
  });

  it('refuse what is not one JSON object', () => {
    const parser = createItemParser('json', '[');
    expect(() => parser.parse(',\n[1]')).toThrow(/not a JSON object/);
    expect(() => parser.parse(',\n{"a":')).toThrow();
  });
});
