import { hasIllegalChars, isWellFormed, XML_FORBIDDEN_CLASS } from '../product/text.js';

/**
 * Characters no feed may carry: everything XML 1.0 forbids (C0 controls other than tab, line feed and
 * carriage return; U+FFFE/U+FFFF) and lone surrogates, which cannot be encoded as UTF-8. Removed from
 * every text format so that one catalog value renders the same in XML, CSV and TSV.
 */
const ILLEGAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without characters that are illegal in XML 1.0 or unencodable (lone surrogates). */
export function removeIllegalChars(text: string): string {
  // The exact screen first: values with emoji (valid surrogate pairs) skip the replace pass.
  return hasIllegalChars(text) ? text.replace(ILLEGAL, '') : text;
}

/**
 * A test that a value holds none of `chars` (a regex class body: what a format must escape) and
 * nothing removeIllegalChars would remove. One scan, plus the native surrogate check, lets most
 * values through untouched.
 */
export function untouchedBy(chars: string): (text: string) => boolean {
  const work = new RegExp(`[${chars}${XML_FORBIDDEN_CLASS}]`);
  return (text) => !work.test(text) && isWellFormed(text);
}
