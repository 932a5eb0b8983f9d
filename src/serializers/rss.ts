import type { FeedRecord, FieldValue } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import { addPart, bodyFromParts, type Serializer, type SerializerContext } from './serializer.js';
import { escapeXml, isXmlName } from './xml-escape.js';

/** Google's namespace for product attributes in RSS 2.0 feeds. */
export const GOOGLE_NS = 'http://base.google.com/ns/1.0';

/**
 * RSS 2.0 with product attributes in the g: namespace (Google, Microsoft, Meta, Pinterest accept it).
 * Options: `prefix` (default `g`), `namespace` (default Google's). Empty values are left out, because
 * an empty element means "clear this attribute" to some channels.
 */
export function createRssSerializer(ctx: SerializerContext): Serializer {
  const prefix = typeof ctx.options?.prefix === 'string' ? ctx.options.prefix : 'g';
  const ns = typeof ctx.options?.namespace === 'string' ? ctx.options.namespace : GOOGLE_NS;
  if (!isXmlName(prefix)) throw new ShelfcastError(`RSS namespace prefix "${prefix}" is not an XML name; use letters such as "g".`);
  // Per indent and name: the indented open tag and the close tag with its newline, so an element
  // is three pieces. Fewer pieces make a smaller rope for the UTF-8 encoder to flatten.
  const tags = new Map<string, Map<string, [open: string, close: string]>>();
  const tag = (name: string, indent: string): [string, string] => {
    let byName = tags.get(indent);
    if (!byName) tags.set(indent, (byName = new Map()));
    let t = byName.get(name);
    if (!t) {
      if (!isXmlName(name)) {
        throw new ShelfcastError(`Field name "${name}" cannot be written as an XML element; rename it in the feed's columns.`);
      }
      t = [`${indent}<${prefix}:${name}>`, `</${prefix}:${name}>\n`];
      byName.set(name, t);
    }
    return t;
  };
  const element = (name: string, value: FieldValue, indent: string): string => {
    if (typeof value === 'string') {
      // Empty after cleaning counts as empty: a value of only illegal characters writes no element.
      const text = escapeXml(value);
      if (text === '') return '';
      const [open, close] = tag(name, indent);
      return open + text + close;
    }
    let out = '';
    for (const v of value) {
      if (typeof v === 'string') {
        out += element(name, v, indent);
        continue;
      }
      let inner = '';
      for (const key in v) inner += element(key, v[key]!, `${indent}  `);
      if (inner === '') continue;
      const [open, close] = tag(name, indent);
      out += `${open}\n${inner}${indent}${close}`;
    }
    return out;
  };
  function bodyParts(record: FeedRecord, out: string[]): void {
    let pending = '<item>\n';
    for (const name in record) {
      const value = record[name]!;
      if (typeof value !== 'string') {
        pending += element(name, value, '  ');
        continue;
      }
      // element()'s string case, with a long text (a description) as a part of its own.
      const text = escapeXml(value);
      if (text === '') continue;
      const [open, close] = tag(name, '  ');
      pending = addPart(out, pending + open, text) + close;
    }
    out.push(`${pending}</item>\n`);
  }
  return {
    header: () =>
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<rss version="2.0" xmlns:${prefix}="${escapeXml(ns)}">\n<channel>\n` +
      `<title>${escapeXml(ctx.header.title)}</title>\n` +
      `<link>${escapeXml(ctx.header.link)}</link>\n` +
      `<description>${escapeXml(ctx.header.description)}</description>\n`,
    body: bodyFromParts(bodyParts),
    bodyParts,
    footer: () => '</channel>\n</rss>\n',
  };
}
