import { decodeXML } from 'entities';

/**
 * One element of an item, as both item parsers (the plain one and fast-xml-parser) hand it to
 * xmlFields: that one function then turns either into fields, so the two cannot drift apart.
 */
export interface XmlElement {
  /** Qualified name as written (`g:price`). */
  name: string;
  /** The name without its prefix (`price`). */
  local: string;
  /**
   * The element's own text: its text runs (each trimmed) and CDATA sections, each decoded,
   * concatenated in document order. Text inside child elements is theirs.
   */
  text: string;
  /** Child elements in document order. */
  children: XmlElement[];
  /** Attributes as [name, value] in document order; values trimmed but not yet decoded. */
  attributes?: [string, string][];
}

/**
 * The five XML entities and character references, nothing else (`&nbsp;` stays as written).
 * Decoding is left to `entities` rather than the parser so no declared entity can expand.
 */
export const decodeEntities = (s: string): string => (s.indexOf('&') >= 0 ? decodeXML(s) : s);

/** `s.startsWith(literal, at)`, which is several times slower on the sliced strings items are. */
export function sameAt(s: string, at: number, literal: string): boolean {
  for (let i = 0; i < literal.length; i++) if (s.charCodeAt(at + i) !== literal.charCodeAt(i)) return false;
  return true;
}

export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}
