import { z } from 'zod';
import { countryCode, currencyCode, languageTag } from '../config/codes/code-schemas.js';
import { fieldName, numberish } from './condition-schema.js';
import { rulesSchema, transformSchemas } from './schema.js';

const currency = currencyCode;

/** One target of a feed matrix: a country, its language and currency, and where its prices are. */
export const matrixEntrySchema = z
  .object({
    /** Feed id of this target; default `<feed id>-<country in lower case>`. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _')
      .optional(),
    /** ISO 3166-1 alpha-2. Required. */
    country: countryCode,
    /** BCP 47 language tag; default the feed's `language`. */
    language: languageTag.optional(),
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
