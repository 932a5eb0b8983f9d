import { describe, expect, it } from 'vitest';
import { parseRetryAfter, redact, safeUrl, fullJitter } from '../../src/http/index.js';

describe('redact', () => {
  it('masks given secrets, longest first', () => {
    expect(redact('a=abcd1234 b=abcd12345678', ['abcd1234', 'abcd12345678'])).toBe('a=[redacted] b=[redacted]');
  });
  it('masks credential shapes it was not told about', () => {
    const out = redact('Authorization: Bearer eyJhbGciOi.x.y; {"access_token":"Atza|IwEB","refresh_token":"Atzr|abc"} ?X-Amz-Signature=deadbeef', []);
    expect(out).not.toMatch(/eyJhbGciOi|Atza\|IwEB|Atzr\|abc|deadbeef/);
  });
  it('drops query strings from URLs', () => {
    expect(safeUrl('https://s3.amazonaws.com/doc?X-Amz-Signature=1&X-Amz-Credential=2')).toBe('https://s3.amazonaws.com/doc');
  });
});

describe('timing helpers', () => {
  it('parses Retry-After forms', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
  it('keeps full jitter within the doubling cap', () => {
    expect(fullJitter(0, () => 0.999, 100, 1000)).toBe(99);
    expect(fullJitter(3, () => 0.999, 100, 1000)).toBe(799);
    expect(fullJitter(10, () => 0.999, 100, 1000)).toBe(999);
    expect(fullJitter(10, () => 0, 100, 1000)).toBe(0);
  });
});
