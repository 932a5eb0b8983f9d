import { z } from 'zod';
import { DEFAULT_MAX_COMPRESSION_RATIO, DEFAULT_MAX_UNCOMPRESSED_MB } from '../catalog/inflate-limited.js';
import { stockConfigSchema } from '../stock/schema.js';

const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "USD"');

/** The `catalog:` section: where the central catalog is and how to read it. */
export const catalogConfigSchema = z
  .object({
    /** Local path (relative to shelfcast.yaml) or https URL of the catalog. Required. */
    path: z.string().min(1),
    /** csv | tsv | json | ndjson | xml; default: from the file extension. */
    format: z.enum(['csv', 'tsv', 'json', 'ndjson', 'xml']).optional(),
    /** Column preset of the shop export; default `google` (Google's column names). */
    preset: z.string().default('google'),
    /** CSV delimiter; default `auto` (detected among , ; tab |). */
    delimiter: z.string().default('auto'),
    /** Number locale for prices such as `1.234,56` (e.g. `de-DE`); default `en-US`. */
    locale: z.string().default('en-US'),
    /** Currency for prices written without one; default: none (such prices are errors). */
    currency: currency.optional(),
    /** Explicit mapping, canonical field -> source column; overrides the preset. Default none. */
    columns: z.record(z.string(), z.string()).default({}),
    /** XML catalogs: dot path of the item element; default `rss.channel.item`. */
    item_path: z.string().optional(),
    /** JSON catalogs: dot path of the item array inside the document; default: the document itself. */
    json_path: z.string().optional(),
    /** Shop base URL, for exports without product URLs (Shopify); default none. */
    base_url: z.string().url().optional(),
    /** Akeneo: locale suffix of localisable columns, e.g. `en_US`; default from `locale`. */
    content_locale: z.string().optional(),
    /** Akeneo: channel (scope) suffix, e.g. `ecommerce`; default `ecommerce`. */
    scope: z.string().optional(),
    /** Compressed catalogs (`.gz`, or a compressed HTTP response): largest uncompressed size in MiB; default 4096. */
    max_uncompressed_mb: z.number().int().positive().default(DEFAULT_MAX_UNCOMPRESSED_MB),
    /** Compressed catalogs: largest uncompressed size per compressed byte (a bomb expands ~1,000 times); default 100. */
    max_compression_ratio: z.number().positive().default(DEFAULT_MAX_COMPRESSION_RATIO),
  })
  .strict();

/** Shop metadata used by feed headers (RSS <channel>). */
export const shopSchema = z
  .object({
    /** Shop name; default the project name. */
    title: z.string().optional(),
    /** Shop home page; default `https://example.com`. */
    link: z.string().url().optional(),
    /** One line about the shop; default the project name. */
    description: z.string().optional(),
  })
  .strict();

/** shelfcast.yaml */
export const projectConfigSchema = z
  .object({
    /** Project name, used in feed headers and reports. Default `shelfcast`. */
    name: z.string().default('shelfcast'),
    catalog: catalogConfigSchema,
    /** Folder of feed definitions, one YAML file per feed; default `feeds`. */
    feeds: z.string().default('feeds'),
    /** Folder feeds are built into and, by default, published to; default `out`. */
    output: z.string().default('out'),
    /** Folder for run state (history, hashes, locks); default `.shelfcast`. */
    state: z.string().default('.shelfcast'),
    shop: shopSchema.default({}),
    /** Optional shared-stock ledger; default none. */
    stock: stockConfigSchema.optional(),
  })
  .strict();

export type ProjectConfig = z.infer<typeof projectConfigSchema>;
export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
