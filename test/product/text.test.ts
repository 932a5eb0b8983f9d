import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasIllegalChars, hasIllegalCharsDecoded, removeIllegalChars } from '../../src/product/text.js';

const clean = (text: string) => ({ illegal: hasIllegalChars(text), text: removeIllegalChars(text) });

describe('XML 1.0 illegal characters', () => {
  it('leaves ordinary text, tabs, line breaks and emoji alone', () => {
    for (const text of ['Blue shirt', 'Line 1\nLine 2\tTab\r\n', 'Grüße 😀 ✓ \u00a0x', '', '\u007f\u0085\ud7ff\ue000\ufffd']) {
      expect(clean(text)).toEqual({ illegal: false, text });
    }
  });

  it('removes C0 control characters, U+FFFE and U+FFFF', () => {
    expect(clean('a\u0000b\u0008c\u000bd\u000ce\u001ff')).toEqual({ illegal: true, text: 'abcdef' });
    expect(clean('a\ufffeb\uffffc')).toEqual({ illegal: true, text: 'abc' });
    for (let c = 0; c < 32; c++) {
      const ch = String.fromCharCode(c);
      expect(hasIllegalChars(ch)).toBe(c !== 9 && c !== 10 && c !== 13);
    }
  });

  it('removes lone surrogates and keeps pairs', () => {
    expect(clean('a\ud83db')).toEqual({ illegal: true, text: 'ab' });
    expect(clean('a\ude00b')).toEqual({ illegal: true, text: 'ab' });
    expect(clean('\ude00\ud83d')).toEqual({ illegal: true, text: '' });
    expect(clean('a\ud83d\ude00b\ud83d')).toEqual({ illegal: true, text: 'a\ud83d\ude00b' });
    expect(clean('\ud83d\ud83d\ude00')).toEqual({ illegal: true, text: '\ud83d\ude00' });
  });

  it('screens text decoded from UTF-8 bytes as the full check does, without the surrogate scan', () => {
    // Any bytes, valid UTF-8 or not, decode to text without lone surrogates (invalid sequences
    // become U+FFFD), so the control-character screen alone gives the same answer.
    const bytes = fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('utf8'));
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => Buffer.from(s).toString('utf8'));
    fc.assert(
      fc.property(fc.oneof(bytes, text), (decoded) => {
        expect(hasIllegalCharsDecoded(decoded)).toBe(hasIllegalChars(decoded));
      }),
      { numRuns: 5000 },
    );
    // A surrogate encoded as bytes (CESU-8) decodes to replacement characters, not to a surrogate.
    expect(Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]).toString('utf8')).toBe('a\ufffd\ufffd\ufffdb');
  });

  it('gives the same answer on repeated calls (no regex state between calls)', () => {
    for (let i = 0; i < 3; i++) expect(clean('x\u0001y')).toEqual({ illegal: true, text: 'xy' });
  });
});
