import type { DecompressionLimits } from './inflate-limited.js';
import type { Issue } from '../issues/issue.js';

/** One record exactly as the catalog file holds it: column (or element/key) name to string value. */
export interface RawRow {
  /** Spreadsheet row of the record (header = 1, first product = 2); 1-based item number for JSON/XML. */
  row: number;
  fields: Record<string, string>;
  /** Problems found while reading this record (bad UTF-8, wrong column count...). */
  issues?: Issue[];
}

/** A record after the column preset / mapping: canonical Google field names, plus unmapped columns. */
export interface MappedRow {
  row: number;
  /** Canonical field name -> raw string value (not yet validated). */
  fields: Record<string, string>;
  /** Unmapped source columns, kept for rules and the generic channel. */
  extra: Record<string, string>;
  issues?: Issue[];
}

export type CatalogFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml';

/** Where and how to read a catalog; resolved from shelfcast.yaml (`catalog:`) and `--catalog`. */
export interface CatalogSource {
  /** Local path (absolute) or https URL. */
  location: string;
  /** Detected from the extension (after `.gz`) when absent. */
  format?: CatalogFormat;
  /** CSV delimiter; detected among , ; tab | when absent or 'auto'. */
  delimiter?: string;
  /** XML: dot path of the repeated item element, e.g. `rss.channel.item`. */
  itemPath?: string;
  /** JSON: dot path of the array of items inside the document (default: the document is the array). */
  jsonPath?: string;
  /** How far a compressed catalog may expand; default DEFAULT_LIMITS (src/catalog/inflate-limited.ts). */
  decompression?: DecompressionLimits;
}

/**
 * A column preset turns the rows of one shop system's export into canonical rows. Presets that need
 * to see the whole file first (Magento's configurable rows come after their children) declare
 * `prepass`; the pipeline then reads the catalog twice, keeping only what prepass stores.
 */
export interface PresetMapper {
  prepass?(row: RawRow): void;
  /** Returns the canonical rows for one source row (0 for a parent-only row, usually 1). */
  map(row: RawRow): MappedRow[];
  /** Issues known only at the end (after every row was mapped). */
  finish?(): Issue[];
}

export interface PresetOptions {
  /** Explicit `columns:` mapping from shelfcast.yaml: canonical field -> source column. Overrides the preset. */
  columns?: Record<string, string>;
  /** Shop base URL, for presets whose exports carry no product URL (Shopify handles). */
  baseUrl?: string;
  /** Locale suffix for Akeneo-style columns (`description-en_US-ecommerce`). */
  locale?: string;
  /** Channel (scope) suffix for Akeneo columns. */
  scope?: string;
  /** Currency used when prices carry none, and for Akeneo `price-EUR` columns. */
  currency?: string;
}

export interface Preset {
  id: string;
  title: string;
  /**
   * map() reads nothing but the row it is given (no prepass, no memory of earlier rows), so rows
   * can be mapped in any order, by worker threads; default false.
   */
  rowLocal?: boolean;
  create(options: PresetOptions): PresetMapper;
}
