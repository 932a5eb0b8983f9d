import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUrl } from '../../src/product/url.js';

const result = (text: string) => {
  const r = parseUrl(text);
  return r.ok ? r.value : r.code;
};

describe('parseUrl', () => {
  it.each([
    ['https://shop.example.com/p/1', 'https://shop.example.com/p/1'],
    ['http://shop.example.com/p/1?x=1&y=2#top', 'http://shop.example.com/p/1?x=1&y=2#top'],
    ['HTTPS://Shop.Example.COM/P/1', 'https://shop.example.com/P/1'],
    ['https://shop.example.com', 'https://shop.example.com/'],
    ['  https://shop.example.com/a  ', 'https://shop.example.com/a'],
    ['https://shop.example.com:8443/a', 'https://shop.example.com:8443/a'],
    ['https://shop.example.com/ä', 'https://shop.example.com/%C3%A4'],
    ['https://bücher.example/x', 'https://xn--bcher-kva.example/x'],
    ['https://cdn.example.com/w_400,h_400/a.jpg', 'https://cdn.example.com/w_400,h_400/a.jpg'],
    ['https://192.168.1.10/a.jpg', 'https://192.168.1.10/a.jpg'],
    ['https://[2001:db8::1]/a.jpg', 'https://[2001:db8::1]/a.jpg'],
  ])('accepts %s', (text, normalised) => {
    expect(result(text)).toBe(normalised);
  });

  it.each([
    ['javascript:alert(1)', 'scheme'],
    ['JavaScript:alert(1)', 'scheme'],
    ['data:image/png;base64,AAAA', 'scheme'],
    ['ftp://shop.example.com/a.jpg', 'scheme'],
    ['mailto:shop@example.com', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['/products/1', 'not_absolute'],
    ['products/1', 'not_absolute'],
    ['www.example.com/p/1', 'not_absolute'],
    ['//cdn.example.com/a.jpg', 'not_absolute'],
    ['https:/shop.example.com/a', 'invalid'],
    ['http:shop.example.com', 'invalid'],
    ['https://user:secret@shop.example.com/a', 'credentials'],
    ['https://user@shop.example.com/a', 'credentials'],
    ['https://shop.example.com/a b.jpg', 'whitespace'],
    ['https://shop.example.com/a\nb', 'whitespace'],
    ['https://shop.example.com/a\tb', 'whitespace'],
    ['https://', 'invalid'],
    ['https://exa mple.com', 'whitespace'],
    ['https://localhost/a', 'host'],
    ['https://shop/a', 'host'],
  ])('refuses %j (%s)', (text, code) => {
    expect(result(text)).toBe(code);
  });
});

describe('parseUrl fast path', () => {
  // Plain URLs skip the WHATWG parser: whatever it accepts must be exactly what the parser gives.
  const chars = 'abcXYZ019-._~!$&\'()*+,;=:@/?%#[]|^`{} \\é';
  const part = fc.string({ unit: fc.constantFrom(...chars.split('')), maxLength: 12 });
  const label = fc.stringMatching(/^[a-z0-9-]{1,6}$/);
  it('gives what new URL(...).href gives, for URL-like strings (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://', 'HTTPS://'), fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(part), fc.option(part), (scheme, labels, path, query) => {
        const text = `${scheme}${labels.join('.')}${path === null ? '' : `/${path}`}${query === null ? '' : `?${query}`}`;
        const ours = parseUrl(text);
        // parseUrl trims, then refuses whitespace inside.
        const trimmed = text.trim();
        let theirs: string | undefined;
        try {
          const u = new URL(trimmed);
          theirs = u.username || u.password || !u.hostname.includes('.') ? undefined : u.href;
        } catch {
          theirs = undefined;
        }
        expect(ours.ok ? ours.value : undefined).toBe(/\s/.test(trimmed) ? undefined : theirs);
      }),
      { numRuns: 20_000 },
    );
  });
});
