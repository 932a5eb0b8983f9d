import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import type { FeedRecord } from '../../src/channels/define-channel.js';
import { loadProject } from '../../src/config/load.js';
import { createFeedProcessor } from '../../src/run/feed-processor.js';
import { readProducts } from '../../src/run/read-products.js';
import { flattenValue } from '../../src/serializers/tabular-cell.js';
import { removeIllegalChars } from '../../src/serializers/text-clean.js';
import { NOW } from './hostile-project.js';

/** One `<item>` of an RSS feed: its child elements' text, repeated elements joined with `,`. */
export type XmlItem = Record<string, string>;

/** Parses with saxes (strict, namespace-aware): throws on anything that is not well-formed XML. */
export function parseRssItems(xml: string): XmlItem[] {
  const parser = new SaxesParser({ xmlns: true });
  const items: XmlItem[] = [];
  let item: XmlItem | undefined;
  let depth = 0;
  let field = '';
  let text = '';
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    if (tag.name === 'item') {
      item = {};
      depth = 0;
      return;
    }
    if (!item) return;
    depth++;
    if (depth === 1) {
      field = tag.local;
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (item && depth === 1) text += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'item') {
      items.push(item!);
      item = undefined;
      return;
    }
    if (!item) return;
    if (depth === 1) item[field] = field in item ? `${item[field]},${text}` : text;
    depth--;
  });
  parser.write(xml).close();
  return items;
}

/** Re-reads a CSV feed strictly (no relaxing): a header row and one row per record. */
export function parseCsvFeed(text: string): { header: string[]; rows: string[][] } {
  const all = parseCsv(text, { bom: true, relax_column_count: false }) as string[][];
  const [header = [], ...rows] = all;
  return { header, rows };
}

/** The value a text cell must hold for one record field: flattened, illegal characters removed. */
export const cellValue = (record: FeedRecord, column: string): string => removeIllegalChars(flattenValue(record[column]));

/**
 * What each feed should hold, computed in-process with the pipeline's own functions (read, validate,
 * rules, channel map) but without any serializer or file: feed id -> product id -> records.
 */
export async function expectedRecords(dir: string): Promise<Map<string, Map<string, FeedRecord[]>>> {
  const project = await loadProject(path.join(dir, 'shelfcast.yaml'));
  const processors = project.feeds.map((f) => createFeedProcessor(f, { now: NOW }));
  const out = new Map(project.feeds.map((f) => [f.id, new Map<string, FeedRecord[]>()]));
  for await (const event of readProducts(project, { cwd: dir })) {
    if (!event.item) continue;
    for (const p of processors) {
      const r = p.process(event.item);
      if (r.records.length) out.get(p.feed.id)!.set(event.item.product.id, r.records);
    }
  }
  return out;
}
