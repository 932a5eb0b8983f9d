import type { CatalogSource, RawRow } from './types.js';
import type { ReadOptions } from './read-options.js';
import { detectFormat } from './detect-format.js';
import { openBytes } from './open-bytes.js';
import { TextDecoding } from './decode-text.js';
import { readCsv } from './read-csv.js';
import { readJson, readNdjson } from './read-json.js';
import { readXml } from './read-xml.js';

export type { ReadOptions } from './read-options.js';

function open(source: CatalogSource, options: ReadOptions): AsyncGenerator<RawRow> {
  const format = detectFormat(source);
  const decoding = new TextDecoding(openBytes(source, options));
  switch (format) {
    case 'csv':
    case 'tsv':
      return readCsv(source, decoding, format === 'tsv', () => new TextDecoding(openBytes(source, options)));
    case 'json':
      return readJson(source, decoding, options);
    case 'ndjson':
      return readNdjson(source, decoding, options);
    case 'xml':
      return readXml(source, decoding, options);
  }
}

/**
 * Streams the records of a catalog (local path or https URL; `.gz` decompressed on the fly).
 * Nothing is opened until iteration starts; each iteration reads the catalog afresh (presets with
 * a prepass iterate twice). Run-level failures throw ShelfcastError from the iteration; problems
 * of one record are issues on its RawRow.
 */
export function readCatalog(source: CatalogSource, options: ReadOptions = {}): AsyncIterable<RawRow> {
  // The reader is returned directly rather than re-yielded, which saves an async hop per row.
  return { [Symbol.asyncIterator]: () => open(source, options) };
}
