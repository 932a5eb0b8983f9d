import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../src/serializers/xml-escape.js';

/** The escape as it was written before it became one scan: screen, remove illegal characters, escape. */
const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };
const reference = (text: string): string => text.replace(ILLEGAL, '').replace(/[&<>"'\r]/g, (c) => ENTITIES[c]!);

/** Strings rich in what the escape treats specially: markup, controls, surrogates alone and paired. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom('&', '<', '>', '"', "'", '\r', '\n', '\t', '\u0000', '\u0001', '\u001f', '\uFFFE', '\uFFFF', '\uFFFD', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '😀', 'é', '日本', ']]>'),
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('escapeXml', () => {
  it('gives what removing illegal characters and then escaping markup gives', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(escapeXml(text)).toBe(reference(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('returns text that needs nothing as the same string, long or short', () => {
    const long = 'plain text with émoji 😀 '.repeat(20);
    expect(escapeXml(long)).toBe(long);
    expect(escapeXml('abc')).toBe('abc');
    expect(escapeXml('')).toBe('');
    expect(escapeXml('a < b & "c"\r\u0001\uD800')).toBe('a &lt; b &amp; &quot;c&quot;&#13;');
  });
});
