import { accept, refuse, type Parsed } from './parse-result.js';

const HTTP = /^https?:\/\//i;
/**
 * URLs the WHATWG parser returns unchanged: lower-case http(s), a host of lower-case labels whose
 * last starts with a letter (no IPv4 reading), no port, a path and query of characters it does not
 * percent-encode (no `%` in the path, where `%2e` is a dot), no fragment. Almost every catalog URL
 * is one, and this test is much cheaper than parsing.
 */
const PLAIN_URL = /^https?:\/\/(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z](?:[a-z0-9-]*[a-z0-9])?(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@/]*)?(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;
/** What the parser would rewrite in a plain URL: `.` and `..` path segments, punycode labels. */
const REWRITTEN = /\/\.\.?(?:[/?]|$)|[/.]xn--/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const WHITESPACE = /\s/;

/**
 * An absolute http(s) URL without credentials or whitespace, normalised by the WHATWG URL parser
 * (lower-case scheme and host, punycode, percent-encoding). `javascript:`, `data:`, relative and
 * protocol-relative (`//cdn...`) URLs are refused: channels fetch them from the open web.
 */
export function parseUrl(text: string): Parsed<string> {
  const s = text.trim();
  // A plain URL has no whitespace and starts with http(s)://, so the refusals below cannot apply to
  // it: testing it first spares almost every catalog URL two regex passes and a match array.
  if (PLAIN_URL.test(s) && !REWRITTEN.test(s)) return accept(withPath(s));
  if (WHITESPACE.test(s)) {
    return refuse('whitespace', 'a URL cannot contain spaces or line breaks', 'Percent-encode spaces as %20 and remove line breaks.');
  }
  if (!HTTP.test(s)) {
    if (SCHEME.test(s) && !s.startsWith('//')) {
      const scheme = s.slice(0, s.indexOf(':') + 1).toLowerCase();
      if (scheme === 'http:' || scheme === 'https:') {
        return refuse('invalid', `${scheme} must be followed by //`, 'Write the full address, starting with https://.');
      }
      return refuse('scheme', `${scheme} URLs are not allowed`, 'Use an https:// address of the page or image.');
    }
    return refuse('not_absolute', 'not an absolute URL', 'Write the full address, starting with https://.');
  }
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return refuse('invalid', 'not a valid URL', 'Check the address: it should open in a browser.');
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('credentials', 'the URL contains a user name or password', 'Remove the user:password@ part; feeds are public.');
  }
  const host = url.hostname;
  if (!host.includes('.') && !host.startsWith('[')) {
    return refuse('host', `${JSON.stringify(host)} is not a public host name`, 'Use the shop\'s public domain, such as https://shop.example.com/.');
  }
  return accept(url.href);
}

/** A plain URL as the parser gives it: an empty path becomes `/` (its host holds no `/` or `?`). */
function withPath(plain: string): string {
  const host = plain.charCodeAt(4) === 0x73 ? 8 : 7; // after https:// or http://
  const slash = plain.indexOf('/', host);
  const q = plain.indexOf('?', host);
  if (slash >= 0 && (q < 0 || slash < q)) return plain;
  return q < 0 ? `${plain}/` : `${plain.slice(0, q)}/${plain.slice(q)}`;
}
