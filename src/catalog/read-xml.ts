import type { CatalogSource, RawRow } from './types.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEM_CHARS, type ReadOptions } from './read-options.js';
import type { TextDecoding } from './decode-text.js';
import { scanXmlItemBatches, XmlScanError, type ScannedItem } from './xml-scanner.js';
import { xmlItemRow, type XmlItemOptions } from './xml-item-row.js';
import { catalogError } from './source-error.js';

/** Default item element path: RSS 2.0 (Google Shopping feeds, WordPress exports). */
export const DEFAULT_ITEM_PATH = 'rss.channel.item';

/** The `encoding` of the XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`), UTF-8 when absent. */
export function declaredEncoding(head: Buffer): string {
  const text = head.subarray(0, 256).toString('latin1');
  return /^(?:\xEF\xBB\xBF)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(text)?.[1] ?? 'utf-8';
}

/** Items cut from the document, in order: `firstRow` is the item number of the first. */
export interface XmlItemBatch {
  items: ScannedItem[];
  firstRow: number;
  /** The options xmlItemRow reads these items with. */
  options: XmlItemOptions;
}

/**
 * The items of an XML catalog in batches, as the scanner cuts them out (never building a tree);
 * xmlItemRow reads each, here or in a worker thread. Run-level problems (no such element, a
 * DOCTYPE with entities, broken XML) throw, naming the catalog and the fix.
 */
export async function* readXmlItemBatches(source: CatalogSource, decoding: TextDecoding, options: ReadOptions): AsyncGenerator<XmlItemBatch> {
  const path = source.itemPath || DEFAULT_ITEM_PATH;
  const itemName = path.slice(path.lastIndexOf('.') + 1);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let row = 0;
  const encoding = declaredEncoding(await decoding.peek());
  try {
    new TextDecoder(encoding);
  } catch (cause) {
    throw catalogError(source.location, `declares the unknown encoding "${encoding}"`, 'Save the catalog as UTF-8.', cause);
  }
  const chunks = decoding.chunks(encoding);
  try {
    for await (const items of scanXmlItemBatches(chunks, itemName, options.maxItemChars ?? DEFAULT_MAX_ITEM_CHARS)) {
      // Read once per batch: it only ever turns true, and a batch holds only text decoded by now.
      yield { items, firstRow: row + 1, options: { invalidSeen: decoding.invalidSeen, maxDepth } };
      row += items.length;
    }
  } catch (cause) {
    if (!(cause instanceof XmlScanError)) throw cause;
    throw catalogError(
      source.location,
      `is not readable as XML${row ? ` after item ${row}` : ''}: ${cause.message}`,
      cause.message.includes('DOCTYPE') ? 'Remove the DOCTYPE with its entity declarations from the catalog.' : 'Check that the file is complete, well-formed XML, or set catalog.format.',
      cause,
    );
  }
  if (row === 0) {
    throw catalogError(
      source.location,
      `has no <${itemName}> elements`,
      `Set catalog.item_path to the dot path of the repeated product element (now "${path}").`,
    );
  }
}

/** XML read item by item: the scanner cuts out each item element, xmlItemRow reads just that. */
export async function* readXml(source: CatalogSource, decoding: TextDecoding, options: ReadOptions): AsyncGenerator<RawRow> {
  for await (const batch of readXmlItemBatches(source, decoding, options)) {
    for (let k = 0; k < batch.items.length; k++) yield xmlItemRow(batch.items[k]!, batch.firstRow + k, batch.options);
  }
}
