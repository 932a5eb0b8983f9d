import { readDelimited } from './delimited-reader.js';
import { SaxesParser } from 'saxes';
import type { FeedRecord, FieldValue } from '../../src/channels/define-channel.js';
import { flattenValue } from '../../src/serializers/tabular-cell.js';
import { removeIllegalChars } from '../../src/serializers/text-clean.js';

/** One parsed RSS item: element local name -> values in order (text, or sub-element map). */
export type ParsedItem = Record<string, Array<string | Record<string, string>>>;

export interface ParsedRss {
  channel: Record<string, string>;
  items: ParsedItem[];
}

/**
 * Parses an RSS feed with saxes (strict, namespace-aware: an unbound prefix, a bad character or a
 * stray `]]>` throws) into items. Sub-elements of an item field become a map.
 */
export function parseRss(xml: string): ParsedRss {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const channel: Record<string, string> = {};
  const items: ParsedItem[] = [];
  const stack: string[] = [];
  let item: ParsedItem | undefined;
  let sub: Record<string, string> | undefined;
  let text = '';
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  // Depths: 1 rss, 2 channel, 3 channel fields and item, 4 item fields, 5 sub-elements.
  parser.on('opentag', (tag) => {
    stack.push(tag.local);
    text = '';
    if (stack.length === 3 && tag.local === 'item') item = {};
    else if (item && stack.length === 4) sub = undefined;
    else if (item && stack.length === 5) sub ??= {};
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('cdata', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    const depth = stack.length;
    stack.pop();
    if (depth === 3 && item) {
      items.push(item);
      item = undefined;
    } else if (depth === 3) channel[tag.local] = text;
    else if (item && depth === 4) {
      (item[tag.local] ??= []).push(sub ?? text);
      sub = undefined;
    } else if (item && depth === 5 && sub) sub[tag.local] = text;
    text = '';
  });
  parser.write(xml).close();
  if (failure) throw failure;
  return { channel, items };
}

/** What the XML serializer is meant to write for a value: illegal characters removed, empty values left out. */
export function expectedXml(value: FieldValue): Array<string | Record<string, string>> {
  const values = typeof value === 'string' ? [value] : value;
  const out: Array<string | Record<string, string>> = [];
  for (const v of values) {
    if (typeof v === 'string') {
      if (v !== '') out.push(removeIllegalChars(v));
      continue;
    }
    const m: Record<string, string> = {};
    for (const [k, s] of Object.entries(v)) if (s !== '') m[k] = removeIllegalChars(s);
    if (Object.keys(m).length) out.push(m);
  }
  return out;
}

/** The record as parseRss would read it back. */
export function expectedXmlItem(record: FeedRecord): ParsedItem {
  const item: ParsedItem = {};
  for (const [k, v] of Object.entries(record)) {
    const values = expectedXml(v);
    if (values.length) item[k] = values;
  }
  return item;
}

export type TabularKind = 'csv' | 'tsv' | 'tsv-quoted';
export const isTabular = (serializer: string): serializer is TabularKind => serializer === 'csv' || serializer === 'tsv' || serializer === 'tsv-quoted';

/** Re-reads CSV (RFC 4180), TSV without quoting or Google's quoted-fields TSV into rows of strings. */
export function parseTabular(text: string, kind: TabularKind): string[][] {
  return readDelimited(text, { delimiter: kind === 'csv' ? ',' : '\t', quotes: kind !== 'tsv' });
}

/** What a tabular serializer is meant to write in one cell. */
export function expectedCell(value: FieldValue | undefined, kind: TabularKind): string {
  const flat = removeIllegalChars(flattenValue(value));
  return kind === 'tsv' ? flat.replace(/\r\n|[\t\r\n]/g, ' ') : flat;
}

/** The values of a repeated attribute, as a reader splits its cell (objects joined with `:`). */
export const expectedValues = (value: FieldValue | undefined): string[] =>
  value === undefined ? [] : (typeof value === 'string' ? [value] : value.map((one) => (typeof one === 'string' ? one : Object.values(one).join(':')))).map(removeIllegalChars).filter((v, _i, all) => all.length > 1 || v !== '');
