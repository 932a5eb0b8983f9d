import path from 'node:path';
import { currencyCode } from './codes/code-schemas.js';
import { z } from 'zod';
import { DEFAULT_MAX_COMPRESSION_RATIO, DEFAULT_MAX_UNCOMPRESSED_MB } from '../catalog/inflate-limited.js';
import { PRODUCT_FIELDS } from '../product/product.js';
import { didYouMean } from '../util/did-you-mean.js';
import { stockConfigSchema } from '../stock/schema.js';

const currency = currencyCode;

/** How one catalog file is read: shared by the primary catalog and its supplemental sources. */
const readShape = {
  /** Local path (relative to shelfcast.yaml) or https URL of the file. Required. */
  path: z.string().min(1),
  /** csv | tsv | json | ndjson | xml; default: from the file extension. */
  format: z.enum(['csv', 'tsv', 'json', 'ndjson', 'xml']).optional(),
  /** Column preset of the shop export; default `google` (Google's column names). */
  preset: z.string().default('google'),
  /** CSV delimiter; default `auto` (detected among , ; tab |). */
  delimiter: z.string().default('auto'),
  /** Explicit mapping, canonical field -> source column; overrides the preset. Default none. */
  columns: z.record(z.string(), z.string()).default({}),
  /** XML files: dot path of the item element; default `rss.channel.item`. */
  item_path: z.string().optional(),
  /** JSON files: dot path of the item array inside the document; default: the document itself. */
  json_path: z.string().optional(),
  /** Shop base URL, for exports without product URLs (Shopify); default none. */
  base_url: z.string().url().optional(),
  /** Akeneo: locale suffix of localisable columns, e.g. `en_US`; default from `catalog.locale`. */
  content_locale: z.string().optional(),
  /** Akeneo: channel (scope) suffix, e.g. `ecommerce`; default `ecommerce`. */
  scope: z.string().optional(),
  /** Compressed files (`.gz`, or a compressed HTTP response): largest uncompressed size in MiB; default 4096. */
  max_uncompressed_mb: z.number().int().positive().default(DEFAULT_MAX_UNCOMPRESSED_MB),
  /** Compressed files: largest uncompressed size per compressed byte (a bomb expands ~1,000 times); default 100. */
  max_compression_ratio: z.number().positive().default(DEFAULT_MAX_COMPRESSION_RATIO),
};

const sourceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, `_`, `.` and `-`');
const winner = z.enum(['override', 'fill']);

/**
 * One supplemental source (`catalog.sources[]`): a file of extra values for the primary catalog's
 * items (stock, prices, marketing overrides), joined by a key. Its rows that match no item are
 * reported, never added.
 */
export const supplementalSourceSchema = z
  .object({
    ...readShape,
    /** Name shown by explain and in issues; default the file name without its extension. */
    name: sourceName.optional(),
    /** Field (canonical, or `extra.<column>`) holding the join key, in this source and in the primary; default `id`. */
    key: z.string().min(1).default('id'),
    /** The primary's field matched against `key`, when it is another one; default the same as `key`. */
    primary_key: z.string().min(1).optional(),
    /** Who wins for fields not listed in `fields`: `override` (this source's non-empty value) or `fill` (only blanks of the primary); default `override`. */
    mode: winner.default('override'),
    /** The fields taken, as a list (with `mode`) or as field -> override | fill; default every field of the source but the key. */
    fields: z.union([z.array(z.string().min(1)).min(1), z.record(z.string().min(1), winner)]).optional(),
    /** Number locale of this source's prices (a price list exported elsewhere, `1.234,56` in de-DE); default `catalog.locale`. */
    locale: z.string().optional(),
    /** Currency of this source's prices written without one; default `catalog.currency`. */
    currency: currency.optional(),
  })
  .strict();

/** The `catalog:` section: where the central catalog is and how to read it. */
export const catalogConfigSchema = z
  .object({
    ...readShape,
    /** Name of the primary catalog shown by explain; default the file name without its extension. */
    name: sourceName.optional(),
    /** Number locale for prices such as `1.234,56` (e.g. `de-DE`), for every source; default `en-US`. */
    locale: z.string().default('en-US'),
    /** Currency for prices written without one; default: none (such prices are errors). */
    currency: currency.optional(),
    /** Supplemental sources joined onto the primary's items, applied in this order; default none. */
    sources: z.array(supplementalSourceSchema).default([]),
    /** Keep products the shop export marks as not published (drafts, archived, hidden, disabled); default false: they are left out of every feed. */
    include_unpublished: z.boolean().default(false),
  })
  .strict()
  .superRefine((c, ctx) => {
    const names = new Map<string, number>();
    names.set(c.name ?? fileStem(c.path), -1);
    c.sources.forEach((s, i) => {
      const name = s.name ?? fileStem(s.path);
      if (names.has(name)) {
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `"${name}" is also the name of ${names.get(name)! < 0 ? 'the primary catalog' : `catalog.sources[${names.get(name)}]`}; give each source its own name` });
      }
      names.set(name, i);
      if (s.locale !== undefined && !isLocale(s.locale)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'locale'], message: `${JSON.stringify(s.locale)} is not a locale; use a BCP 47 tag such as en-US or de-DE` });
      const fields = s.fields === undefined ? [] : Array.isArray(s.fields) ? s.fields : Object.keys(s.fields);
      for (const [where, f] of [['key', s.key], ['primary_key', s.primary_key], ...fields.map((f) => ['fields', f])] as Array<[string, string | undefined]>) {
        if (f !== undefined && !isJoinField(f)) {
          ctx.addIssue({ code: 'custom', path: ['sources', i, where], message: `"${f}" is not a canonical field${didYouMean(f, PRODUCT_FIELDS)}; name a field of the Google vocabulary or \`extra.<column>\`` });
        }
      }
    });
  });

const isLocale = (tag: string): boolean => {
  try {
    new Intl.NumberFormat(tag);
    return true;
  } catch {
    return false;
  }
};

/** A file's name without its extensions, the default name of a source. */
export const fileStem = (p: string): string => path.posix.basename(p.replace(/\\/g, '/').replace(/[?#].*$/, '')).replace(/(\.[A-Za-z0-9]+)+$/, '');

const isJoinField = (f: string): boolean => (PRODUCT_FIELDS as readonly string[]).includes(f) || (f.startsWith('extra.') && f.length > 6);

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
export type SupplementalSourceConfig = z.infer<typeof supplementalSourceSchema>;
