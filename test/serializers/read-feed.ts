import { parse } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import type { FeedRecord, FieldValue } from '../../src/channels/define-channel.js';
import { flattenValue } from '../../src/serializers/tabular-cell.js';
import { removeIllegalChars } from '../../src/serializers/text-clean.js';
import { readGoogleTsv } from './delimited-reader.js';

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

/**
 * Re-reads a delimited feed into rows of strings, the way its reader does: CSV by RFC 4180 (Meta,
 * Pinterest, TikTok, Snapchat, idealo, the csv channel), plain TSV with no quoting (Microsoft:
 * "do not enclose in quotes"), and Google's TSV with its "Quoted fields" setting (a value in quotes
 * keeps tabs and line breaks, a quote in it is doubled; nothing is trimmed).
 */
export function parseTabular(text: string, kind: TabularKind): string[][] {
  if (kind === 'csv') return parse(text, { relax_column_count: false, bom: false });
  // A cell's values joined as the record's were (a list's values quoted one by one come back joined).
  if (kind === 'tsv-quoted') return readGoogleTsv(text).map((cells) => cells.map((values) => values.join(',')));
  return parse(text, { delimiter: '\t', quote: false, relax_column_count: false });
}

/** What a tabular serializer is meant to write in one cell. */
export function expectedCell(value: FieldValue | undefined, kind: TabularKind): string {
  const flat = removeIllegalChars(flattenValue(value));
  return kind === 'tsv' ? flat.replace(/\r\n|[\t\r\n]/g, ' ') : flat;
}
