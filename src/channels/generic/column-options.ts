import { z } from 'zod';
import { didYouMean } from '../../util/did-you-mean.js';
import { CANONICAL_FIELDS, EXTRA_PREFIX, isKnownField } from './canonical-fields.js';

/** One output column of a generic feed: read from a catalog field, or a fixed value. */
export const columnSchema = z
  .object({
    /** Column (or JSON key) name as written in the feed. Required. */
    name: z.string().min(1).describe('Column (or JSON key) name as written in the feed. Required.'),
    /** Canonical field to read (`price`, `gtin`, `extra.<source column>`); set this or `value`. */
    field: z.string().min(1).optional().describe('Canonical field to read (`price`, `gtin`, `extra.<source column>`); set this or `value`.'),
    /** Fixed text written on every item; set this or `field`. */
    value: z.string().optional().describe('Fixed text written on every item; set this or `field`.'),
    /** For money fields: `money` (`15.00 USD`), `amount` (`15.00`) or `currency` (`USD`); default `money`. */
    format: z.enum(['money', 'amount', 'currency']).optional().describe('For money fields: `money` (`15.00 USD`), `amount` (`15.00`) or `currency` (`USD`); default `money`.'),
    /** Separator for list fields (additional_image_link, shipping); default `,` (CSV) or a JSON array. */
    join: z.string().optional().describe('Separator for list fields (additional_image_link, shipping); default `,` in CSV, an array in JSON.'),
    /** Exclude the item when the column would be empty; default false. */
    required: z.boolean().optional().describe('Exclude the item when the column would be empty; default false.'),
    /** Maximum length in characters: longer text is cut at a word boundary, with a warning; default none. */
    limit: z.number().int().positive().optional().describe('Maximum length in characters: longer text is cut at a word boundary, with a warning; default none.'),
  })
  .strict()
  .superRefine((col, ctx) => {
    if ((col.field === undefined) === (col.value === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'set exactly one of `field` or `value`', path: [] });
      return;
    }
    if (col.field !== undefined && !isKnownField(col.field)) {
      ctx.addIssue({
        code: 'custom',
        path: ['field'],
        message: `unknown catalog field "${col.field}"${didYouMean(col.field, CANONICAL_FIELDS)}; use a canonical field or "${EXTRA_PREFIX}<source column>"`,
      });
    }
  });

export type ColumnOption = z.infer<typeof columnSchema>;

/** Options of the generic `csv` and `json` channels. */
export const genericOptionsSchema = z
  .object({
    /** The feed's columns, in order. Required, at least one. */
    columns: z.array(columnSchema).min(1).describe('The feed\'s columns, in order. Required, at least one.'),
  })
  .strict()
  .superRefine((opts, ctx) => {
    const seen = new Set<string>();
    opts.columns.forEach((col, i) => {
      if (seen.has(col.name)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'name'], message: `duplicate column name "${col.name}"` });
      seen.add(col.name);
    });
  });

export type GenericOptions = z.infer<typeof genericOptionsSchema>;
