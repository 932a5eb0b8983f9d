import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { ShelfcastError } from '../issues/issue.js';
import { quotedTsvItems } from '../serializers/tsv-quoted-reader.js';

/** One item of a built feed: field -> text, or several texts for repeated fields, or sub-fields. */
export type FeedItem = Record<string, string | string[] | Record<string, string> | Array<Record<string, string>>>;

/**
 * Reads the items back from a built feed file. API pushes send what the feed file holds, so
 * the file that was checked, guarded and published is exactly what the channel gets. Formats:
 * RSS/Atom XML (namespace prefixes dropped: `g:price` -> `price`), CSV, TSV, JSON and NDJSON.
 */
export async function readFeedItems(file: string, serializer?: string): Promise<FeedItem[]> {
  const text = await readFile(file, 'utf8').catch((cause: Error) => {
    throw new ShelfcastError(`${file}: cannot read the built feed (build it again): ${cause.message}`, { cause, exitCode: 1 });
  });
  const ext = path.extname(file).toLowerCase();
  try {
    if (ext === '.xml') return readXml(text);
    if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
      // Google's quoted-fields TSV is read as Google reads it; plain TSV has no quoting (a quote in a value is a character of it).
      if (ext !== '.csv' && serializer === 'tsv-quoted') return quotedTsvItems(text);
      const tabular = ext === '.csv' ? { delimiter: ',' } : { delimiter: '\t', quote: false as const };
      return parseCsv(text, { columns: true, bom: true, ...tabular, skip_empty_lines: true }) as FeedItem[];
    }
    if (ext === '.ndjson' || ext === '.jsonl') return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as FeedItem);
    if (ext === '.json') {
      const doc = JSON.parse(text) as unknown;
      const items = Array.isArray(doc) ? doc : (doc as { items?: unknown }).items;
      if (!Array.isArray(items)) throw new Error('expected an array of items, or an object with `items`');
      return items as FeedItem[];
    }
  } catch (cause) {
    throw new ShelfcastError(`${file}: cannot read the built feed: ${(cause as Error).message}`, { cause, exitCode: 1 });
  }
  throw new ShelfcastError(`${file}: API pushes read xml, csv, tsv, json or ndjson feeds, not ${ext || 'files without an extension'}`, { exitCode: 1 });
}

function readXml(text: string): FeedItem[] {
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    isArray: (name, jpath) => jpath === 'rss.channel.item' || jpath === 'feed.entry',
  });
  const doc = parser.parse(text) as { rss?: { channel?: { item?: FeedItem[] } }; feed?: { entry?: FeedItem[] } };
  return doc.rss?.channel?.item ?? doc.feed?.entry ?? [];
}

/** The text of a field (the first, when repeated); undefined when absent or empty. */
export function textOf(item: FeedItem, field: string): string | undefined {
  const v = item[field];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s !== '' ? s : undefined;
}

/** Every text of a repeated field; a CSV cell holding a comma-separated list is split. */
export function textsOf(item: FeedItem, field: string): string[] {
  const v = item[field];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x !== '');
  if (typeof v === 'string' && v !== '') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

/** `15.00 USD` -> integer minor units with the currency; undefined when not in that form. */
export function parsePrice(text: string | undefined): { units: string; fraction: string; currency: string } | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?\s+([A-Z]{3})\s*$/.exec(text ?? '');
  return m ? { units: m[1]!, fraction: m[2] ?? '', currency: m[3]! } : undefined;
}
