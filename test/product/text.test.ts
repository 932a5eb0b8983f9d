import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/product/text.js';

describe('cleanText', () => {
  it('trims and keeps ordinary text untouched', () => {
    expect(cleanText('  Blue shirt  ')).toEqual({ value: 'Blue shirt', removed: false });
    expect(cleanText('Line 1\nLine 2\tTab\r\n')).toEqual({ value: 'Line 1\nLine 2\tTab', removed: false });
    expect(cleanText('Grüße 😀 ✓ \u00a0x')).toEqual({ value: 'Grüße 😀 ✓ \u00a0x', removed: false });
  });

  it('makes empty text absent', () => {
    expect(cleanText('')).toEqual({ value: undefined, removed: false });
    expect(cleanText(' \n\t ')).toEqual({ value: undefined, removed: false });
    expect(cleanText('\u0000\u0001')).toEqual({ value: undefined, removed: true });
  });

  it('removes XML 1.0 control characters', () => {
    expect(cleanText('a\u0000b\u0008c\u000bd\u000ce\u001ff')).toEqual({ value: 'abcdef', removed: true });
    expect(cleanText('a\ufffeb\uffffc')).toEqual({ value: 'abc', removed: true });
  });

  it('removes lone surrogates and keeps pairs', () => {
    expect(cleanText('a\ud83db')).toEqual({ value: 'ab', removed: true });
    expect(cleanText('a\ude00b')).toEqual({ value: 'ab', removed: true });
    expect(cleanText('\ude00\ud83d')).toEqual({ value: undefined, removed: true });
    expect(cleanText('a\ud83d\ude00b\ud83d')).toEqual({ value: 'a\ud83d\ude00b', removed: true });
  });
});
