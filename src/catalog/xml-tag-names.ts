import { FORBIDDEN_KEYS } from './forbidden-keys.js';

/** The cutter's reading of tag names: charCode loops, no slicing, as it runs for every tag of the catalog. */

/**
 * The `>` of a tag that is a bare ASCII name from `from` (no attributes, no `/`, no quotes), or -1
 * for any other tag, which the full scan reads.
 */
export function bareTagEnd(buf: string, from: number): number {
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === 0x3e) return i > from ? i : -1;
    if (c <= 0x20 || c >= 0x7f || c === 0x2f || c === 0x22 || c === 0x27) return -1;
  }
  return -1;
}

/** Only names as long as a forbidden key can be one: most tags skip the set lookups. */
const FORBIDDEN_LENGTHS = new Set(FORBIDDEN_KEYS.map((k) => k.length));
export const mayBeForbidden = (length: number, localLength: number): boolean => FORBIDDEN_LENGTHS.has(length) || FORBIDDEN_LENGTHS.has(localLength);

/** End of the element name at `from` (before whitespace, `/` or `>`; `end` is the tag's `>`). */
export function nameEnd(buf: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = buf.charCodeAt(i);
    if (c === 0x20 || c === 0x2f || c === 0x3e || (c >= 0x09 && c <= 0x0d)) return i;
    // Beyond ASCII, whitespace is what `\s` says (U+00A0, U+2028...).
    if (c >= 0x80 && /\s/.test(buf[i]!)) return i;
  }
  return end;
}
