import { z } from 'zod';
import { countryCode, currencyCode, languageTag } from './codes/code-schemas.js';
import { categoriesSchema, matrixSchema, ratesSchema } from '../rules/matrix-schema.js';
import { rulesSchema } from '../rules/schema.js';
import { destinationSchema } from '../transports/schema.js';
import { guardConfigSchema } from '../run/guard.js';
import { scheduleSchema } from '../schedule/schedule-schema.js';

/** feeds/<id>.yaml: one feed for one channel. */
export const feedConfigSchema = z
  .object({
    /** Feed id; default the file name without `.yaml`. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _')
      .optional(),
    /** Channel id, see `shelfcast channels`. Required. */
    channel: z.string(),
    /** Output format of the channel (`xml`, `csv`, `tsv`, ...); default the channel's first. */
    format: z.string().optional(),
    /** Target country, ISO 3166-1 alpha-2; default none. */
    country: countryCode.optional(),
    /** Content language, a BCP 47 tag (`en`, `en-GB`); default none. */
    language: languageTag.optional(),
    /** Feed currency, ISO 4217: items priced otherwise are excluded; default: any. */
    currency: currencyCode.optional(),
    /** Output file name; default `<id>.<ext>`. */
    file: z.string().optional(),
    /**
     * CSV and TSV feeds: write a `'` before cells a spreadsheet would run as a formula (OWASP: a
     * leading `= + - @`, tab or CR); plain numbers are left alone. Default true for the generic csv
     * channel, false for channels whose importer reads cells as text (the `'` would show there).
     */
    neutralize_formulas: z.boolean().optional(),
    /** Where the feed is published; default a `file` destination into the project's output folder. */
    destination: destinationSchema.optional(),
    /** When a publish is refused: `{ max_drop: 20, max_rejected: 50, refuse_empty: true }` (percent); default those. */
    guard: guardConfigSchema.optional(),
    /** Filters and transforms applied before the channel mapping; default none. */
    rules: rulesSchema.default([]),
    /** One output feed per target (country, language, currency, price column); default: this feed only. */
    matrix: matrixSchema.optional(),
    /** Explicit currency conversion rates; default none (nothing is ever converted without one). */
    rates: ratesSchema.optional(),
    /** Category mapping file: merchant category -> Google product category; default none. */
    categories: categoriesSchema.optional(),
    /** Channel-specific options (see `shelfcast channels <id>`); default none. */
    options: z.record(z.string(), z.unknown()).default({}),
    /** When `shelfcast schedule` runs this feed: a cron expression or `{ cron, timezone }`; default never. */
    schedule: scheduleSchema.optional(),
    /** Published versions kept for `shelfcast rollback`; default 5. */
    keep_versions: z.number().int().min(1).max(100).default(5),
    /** Name of this feed's channel in the `stock:` policy; default the channel id. */
    stock_channel: z.string().min(1).optional(),
    /** Set false to skip this feed without deleting its file; default true. */
    enabled: z.boolean().default(true),
  })
  .strict();

export type FeedConfig = z.infer<typeof feedConfigSchema>;
