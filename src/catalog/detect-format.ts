import type { CatalogFormat, CatalogSource } from './types.js';
import { catalogError } from './source-error.js';

const BY_EXTENSION: Record<string, CatalogFormat> = {
  csv: 'csv',
  txt: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xml: 'xml',
  rss: 'xml',
};

/** The path part of a location (URL path for URLs), lower-cased. */
function pathOf(location: string): string {
  if (/^https?:\/\//i.test(location)) {
    try {
      return new URL(location).pathname.toLowerCase();
    } catch {
      return location.toLowerCase();
    }
  }
  return location.toLowerCase();
}

/** True when the file is gzip-compressed, judged by its name (`.gz` or `.gzip`). */
export function isGzipped(location: string): boolean {
  const p = pathOf(location);
  return p.endsWith('.gz') || p.endsWith('.gzip');
}

/** The catalog format: `source.format`, else the extension found before any `.gz`. */
export function detectFormat(source: CatalogSource): CatalogFormat {
  if (source.format) return source.format;
  let p = pathOf(source.location);
  if (isGzipped(source.location)) p = p.replace(/\.gz(ip)?$/, '');
  const ext = p.slice(p.lastIndexOf('.') + 1);
  const format = BY_EXTENSION[ext];
  if (!format) {
    throw catalogError(
      source.location,
      `cannot tell the format from the extension ".${ext}"`,
      'Set catalog.format to csv, tsv, json, ndjson or xml in shelfcast.yaml.',
    );
  }
  return format;
}
