import { parse } from 'csv-parse/sync';
import type { FormatSpec } from '../define-channel.js';

/** A feed's first item in a form a docs page can show: field/value pairs, or a text block. */
export type SampleRecord = { kind: 'fields'; fields: Array<[string, string]> } | { kind: 'block'; language: string; text: string };

function tabular(text: string, delimiter: string, quote: boolean): SampleRecord | undefined {
  const rows: string[][] = parse(text, { delimiter, quote: quote ? '"' : false, to: 2, relax_column_count: true });
  const [header, first] = rows;
  if (!header || !first) return undefined;
  return { kind: 'fields', fields: header.map((name, i): [string, string] => [name, first[i] ?? '']).filter(([, v]) => v !== '') };
}

/** A JSON document's first entry of its first list (`messages[0]`, `requests[0]`), else the text itself. */
function firstOfDocument(text: string): SampleRecord | undefined {
  const block = text.trim();
  if (!block) return undefined;
  try {
    const doc: unknown = JSON.parse(block);
    const list = Array.isArray(doc) ? doc : Object.values(doc as Record<string, unknown>).find(Array.isArray);
    if (Array.isArray(list)) return list.length ? { kind: 'block', language: 'json', text: JSON.stringify(list[0], null, 2) } : undefined;
    return { kind: 'block', language: 'json', text: JSON.stringify(doc, null, 2) };
  } catch {
    return { kind: 'block', language: '', text: block.length > 4000 ? `${block.slice(0, 4000)}\n...` : block };
  }
}

/**
 * The first item of a rendered feed (a golden file): the header row and first row of CSV/TSV as
 * field/value pairs, the first `<item>` of RSS, the first object of JSON/NDJSON pretty-printed, the
 * first message of other JSON documents (marketplace feeds).
 * Undefined when the feed has no item.
 */
export function firstRecord(text: string, format: Pick<FormatSpec, 'serializer'>): SampleRecord | undefined {
  switch (format.serializer) {
    case 'csv':
      return tabular(text, ',', true);
    case 'tsv':
      return tabular(text, '\t', false);
    case 'tsv-quoted':
      return tabular(text, '\t', true);
    case 'rss': {
      const start = text.indexOf('<item>');
      const end = text.indexOf('</item>', start);
      return start < 0 || end < 0 ? undefined : { kind: 'block', language: 'xml', text: text.slice(start, end + '</item>'.length) };
    }
    case 'json': {
      const items = JSON.parse(text) as unknown[];
      return items.length ? { kind: 'block', language: 'json', text: JSON.stringify(items[0], null, 2) } : undefined;
    }
    case 'ndjson': {
      const line = text.split('\n').find((l) => l.trim() !== '');
      return line ? { kind: 'block', language: 'json', text: JSON.stringify(JSON.parse(line), null, 2) } : undefined;
    }
    default:
      return firstOfDocument(text);
  }
}
