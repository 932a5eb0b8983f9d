import { z } from 'zod';
import { isCurrencyCode } from '../product/currency-codes.js';
import { fieldName, numberish } from './condition-schema.js';
import { rulesSchema, transformSchemas } from './schema.js';

const currency = z.string().refine((c) => /^[A-Z]{3}$/.test(c) && isCurrencyCode(c), 'an ISO 4217 code such as "USD"');

/** One target of a feed matrix: a country, its language and currency, and where its prices are. */
export const matrixEntrySchema = z
  .object({
    /** Feed id of this target; default `<feed id>-<country in lower case>`. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _')
      .optional(),
    /** ISO 3166-1 alpha-2. Required. */
    country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 code such as "US"'),
    /** ISO 639-1; default the feed's `language`. */
    language: z
      .string()
      .regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "en"')
      .optional(),
    /** ISO 4217: items priced otherwise are excluded (never converted without `rates:`). Required. */
    currency,
    /** Field holding this target's price (`extra.price_eur`); default the catalog price. */
    price: fieldName.optional(),
    /** Field holding this target's sale price; default none when `price` is set (the catalog's sale price is in another price list). */
    sale_price: fieldName.optional(),
    /** Output file name; default `<id>.<ext>`. */
    file: z.string().optional(),
    /** Channel options merged over the feed's `options`; default none. */
    options: z.record(z.string(), z.unknown()).optional(),
    /** Rules applied after the feed's rules for this target only; default none. */
    rules: rulesSchema.optional(),
  })
  .strict();

/** `matrix:` one feed definition, several output feeds. */
export const matrixSchema = z.array(matrixEntrySchema).min(1);

/** `rates:` explicit conversion rates; nothing is converted without one. */
export const ratesSchema = z.array(
  z
    .object({
      from: currency,
      to: currency,
      /** 1 unit of `from` in `to`, exact decimal (`0.9412`). */
      rate: numberish,
    })
    .strict(),
);

/** `categories:` the feed's category mapping file (see transformSchemas.categories). */
export const categoriesSchema = transformSchemas.categories;

export type MatrixEntry = z.infer<typeof matrixEntrySchema>;
export type RateConfig = z.infer<typeof ratesSchema>[number];
