import type { CatalogSource, RawRow } from './types.js';
import type { ReadOptions } from './read-options.js';
import { detectFormat } from './detect-format.js';
import { openBytes } from './open-bytes.js';
import { TextDecoding } from './decode-text.js';
import { readCsv } from './read-csv.js';
import { readJson, readNdjson } from './read-json.js';
import { readXml } from './read-xml.js';

export type { ReadOptions } from './read-options.js';

/**
 * Streams the records of a catalog (local path or https URL; `.gz` decompressed on the fly).
 * Run-level failures throw ShelfcastError; problems of one record are issues on its RawRow.
 */
export async function* readCatalog(source: CatalogSource, options: ReadOptions = {}): AsyncGenerator<RawRow> {
  const format = detectFormat(source);
  const decoding = new TextDecoding(openBytes(source.location, options));
  switch (format) {
    case 'csv':
    case 'tsv':
      yield* readCsv(source, decoding, format === 'tsv');
      return;
    case 'json':
      yield* readJson(source, decoding, options);
      return;
    case 'ndjson':
      yield* readNdjson(source, decoding, options);
      return;
    case 'xml':
      yield* readXml(source, decoding, options);
      return;
  }
}
