import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { FeedRecord } from '../../src/channels/define-channel.js';
import { documentWriter, createSerializer, GOOGLE_NS } from '../../src/serializers/index.js';
import { removeIllegalChars } from '../../src/serializers/text-clean.js';
import { HOSTILE } from './hostile-values.js';
import { expectedXmlItem, parseRss } from './read-feed.js';

const header = { title: 'Shop & "Co" <test>', link: 'https://example.com/?a=1&b=2', description: 'feed ]]> desc' };
const rss = (options?: Record<string, unknown>) =>
  documentWriter(createSerializer({ format: { id: 'xml', serializer: 'rss', ext: 'xml', contentType: 'application/rss+xml' }, columns: [], header, options }));
const render = (records: FeedRecord[], options?: Record<string, unknown>) => {
  const s = rss(options);
  return s.header() + records.map((r) => s.item(r)).join('') + s.footer();
};

describe('rss serializer', () => {
  it('writes RSS 2.0 with the g: namespace and the channel header', () => {
    const xml = render([{ id: '1', title: 'A' }]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">')).toBe(true);
    const feed = parseRss(xml);
    expect(feed.channel).toEqual(header);
    expect(feed.items).toEqual([{ id: ['1'], title: ['A'] }]);
  });

  it('binds every item field to the Google namespace', () => {
    const uris: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (t) => {
      if (t.prefix === 'g') uris.push(t.uri);
    });
    parser.write(render([{ id: '1', shipping: [{ country: 'US', price: '1.00 USD' }] }])).close();
    expect(uris.length).toBe(4);
    expect(new Set(uris)).toEqual(new Set([GOOGLE_NS]));
  });

  it('repeats arrays and writes arrays of objects as sub-elements, leaving empty values out', () => {
    const xml = render([
      {
        id: '1',
        additional_image_link: ['https://a/1.jpg', '', 'https://a/2.jpg'],
        shipping: [
          { country: 'US', region: '', service: 'Std', price: '4.95 USD' },
          { country: '', region: '' },
        ],
        empty: '',
      },
    ]);
    expect(xml).toContain('  <g:shipping>\n    <g:country>US</g:country>\n    <g:service>Std</g:service>\n    <g:price>4.95 USD</g:price>\n  </g:shipping>\n');
    expect(xml).not.toContain('<g:empty>');
    expect(xml).not.toContain('<g:region>');
    expect(parseRss(xml).items[0]).toEqual({
      id: ['1'],
      additional_image_link: ['https://a/1.jpg', 'https://a/2.jpg'],
      shipping: [{ country: 'US', service: 'Std', price: '4.95 USD' }],
    });
  });

  it('stays well-formed for every hostile value and keeps all legal characters', () => {
    const records = HOSTILE.map((v, i) => ({ id: String(i), title: v, list: [v, v] }));
    const feed = parseRss(render(records));
    expect(feed.items).toEqual(records.map(expectedXmlItem));
    const xml = render(records);
    expect(xml).not.toMatch(/\]\]>/);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('round-trips arbitrary strings, including lone surrogates (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const value = a + b;
        const items = parseRss(render([{ id: 'x', title: value }])).items;
        const expected = removeIllegalChars(value);
        expect(items[0]!.title ?? []).toEqual(expected === '' ? [] : [expected]);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a carriage return as a character reference so parsers do not normalise it', () => {
    const xml = render([{ id: '1', description: 'a\r\nb' }]);
    expect(xml).toContain('<g:description>a&#13;\nb</g:description>');
    expect(parseRss(xml).items[0]!.description).toEqual(['a\r\nb']);
  });

  it('rejects a field name that is not an XML name with a clear error', () => {
    expect(() => render([{ 'bad name': 'x' }])).toThrow(/bad name.*XML element/);
  });

  it('supports another prefix and namespace', () => {
    const xml = render([{ id: '1' }], { prefix: 'p', namespace: 'urn:x' });
    expect(xml).toContain('xmlns:p="urn:x"');
    expect(xml).toContain('<p:id>1</p:id>');
    expect(parseRss(xml).items).toEqual([{ id: ['1'] }]);
  });
});
