import { z } from 'zod';
import { currencyCode } from '../config/codes/code-schemas.js';
import { conditionSchema, fieldName, numberish, safePattern, scalar, writableField } from './condition-schema.js';
import { parseDecimal } from './decimal.js';
import { isListField } from './fields.js';
import { parseTemplate } from './template.js';

export { conditionSchema, type ConditionConfig } from './condition-schema.js';

const text = z.string();

const template = z.string().superRefine((value, ctx) => {
  try {
    parseTemplate(value);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});

const locale = z.string().superRefine((value, ctx) => {
  try {
    Intl.getCanonicalLocales(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `not a BCP 47 locale such as "de" or "tr-TR": ${JSON.stringify(value)}` });
  }
});

/** `whole` or a decimal ending such as `0.99` / `.95`. */
const roundTarget = z.union([z.literal('whole'), z.number(), z.string()]).superRefine((v, ctx) => {
  if (v === 'whole') return;
  const d = parseDecimal(typeof v === 'number' ? v : v.startsWith('.') ? `0${v}` : v);
  if (!d || d.currency || d.units < 0n || d.units >= 10n ** BigInt(d.scale) || d.scale === 0) {
    ctx.addIssue({ code: 'custom', message: `expected "whole" or an ending such as 0.99; got ${JSON.stringify(v)}` });
  }
});

const moneyField = z.enum(['price', 'sale_price']);

export const transformSchemas = {
  /** Sets a field to a fixed value or to another field's value; re-validated for the field's type. */
  set: z
    .object({
      field: writableField,
      value: z.union([scalar, z.array(z.string())]).optional(),
      from: fieldName.optional(),
      /** Currency of amounts written without one (money fields); default the field's current currency. */
      currency: currencyCode.optional(),
    })
    .strict()
    .refine((s) => (s.value === undefined) !== (s.from === undefined), 'give either value: or from:')
    .refine((s) => !Array.isArray(s.value) || isListField(s.field), { message: 'this field holds one value: give a text, not a list', path: ['value'] }),
  template: z.object({ field: writableField, value: template }).strict(),
  append: z.object({ field: writableField, value: text }).strict(),
  prepend: z.object({ field: writableField, value: text }).strict(),
  replace: z
    .object({
      field: writableField,
      find: z.string().min(1),
      with: z.string().default(''),
      /** `find` is a regular expression (checked for catastrophic backtracking); default false. */
      regex: z.boolean().default(false),
      ignore_case: z.boolean().default(false),
    })
    .strict()
    .superRefine((r, ctx) => {
      if (!r.regex) return;
      const checked = safePattern.safeParse(r.find);
      if (!checked.success) ctx.addIssue({ code: 'custom', path: ['find'], message: checked.error.issues[0]!.message });
    }),
  truncate: z.object({ field: writableField, max: z.number().int().positive() }).strict(),
  case: z
    .object({
      field: writableField,
      to: z.enum(['upper', 'lower', 'title']),
      /** Locale of the case mapping (`tr` maps i to İ); default the feed's language, else none. */
      locale: locale.optional(),
    })
    .strict(),
  strip_html: z.object({ field: writableField }).strict(),
  default: z.object({ field: writableField, value: scalar, currency: currencyCode.optional() }).strict(),
  lookup: z
    .object({
      field: writableField,
      /** Field whose value is looked up; default `field` itself. */
      from: fieldName.optional(),
      table: z.record(z.string(), z.string()).optional(),
      /** CSV file (relative to the feed file): header row, then key in the first column, value in the second. */
      file: z.string().min(1).optional(),
      /** Value when the key is not in the table; default: leave the field unchanged. */
      default: z.string().optional(),
      ignore_case: z.boolean().default(false),
    })
    .strict()
    .refine((l) => (l.table === undefined) !== (l.file === undefined), 'give either table: or file:'),
  split: z
    .object({
      field: writableField,
      from: fieldName.optional(),
      separator: z.string().min(1),
      /** Part to keep (0 first, -1 last) when `field` holds one value; list fields get every part. */
      index: z.number().int().optional(),
    })
    .strict()
    .superRefine((s, ctx) => {
      if (s.index === undefined && !isListField(s.field)) {
        ctx.addIssue({ code: 'custom', path: ['index'], message: `"${s.field}" holds one value: give index: (0 = first part, -1 = last)` });
      }
    }),
  join: z.object({ field: writableField, from: fieldName.optional(), separator: z.string() }).strict(),
  round: z
    .object({
      field: moneyField,
      to: roundTarget,
      /** Which candidate wins; default `nearest` (half up). */
      direction: z.enum(['nearest', 'up', 'down']).default('nearest'),
    })
    .strict(),
  bucket: z
    .object({
      field: writableField,
      from: fieldName,
      /** With cost, the bucketed value is the margin in percent: (from - cost) / from * 100. */
      cost: fieldName.optional(),
      /** First range that holds the value wins: min inclusive, max exclusive. */
      ranges: z
        .array(z.object({ min: numberish.optional(), max: numberish.optional(), label: z.string() }).strict())
        .min(1),
      default: z.string().optional(),
    })
    .strict(),
  convert: z
    .object({
      field: moneyField,
      from: currencyCode,
      to: currencyCode,
      /** 1 unit of `from` in `to`, exact decimal; rounded half up to the target's minor units. */
      rate: numberish,
    })
    .strict(),
  categories: z
    .object({
      /** CSV mapping file, relative to the feed file: merchant category, Google category id (or path). */
      file: z.string().min(1),
      /** Field holding the merchant category; default `product_type`. */
      from: fieldName.default('product_type'),
      /** Field written; default `google_product_category`. */
      field: writableField.default('google_product_category'),
      /** Replace a category the catalog already has; default false (fill only when empty). */
      overwrite: z.boolean().default(false),
    })
    .strict(),
};

export const FILTER_KEYS = ['include', 'exclude'] as const;
export type TransformKey = keyof typeof transformSchemas;
export const TRANSFORM_KEYS = Object.keys(transformSchemas) as TransformKey[];
export const ACTION_KEYS: readonly string[] = [...FILTER_KEYS, ...TRANSFORM_KEYS];

/** Editor hints in the generated JSON Schema. */
const TRANSFORM_HELP: Record<TransformKey, string> = {
  set: 'Set a field to a value (value:) or to another field (from:); re-validated for the field type.',
  template: 'Render "{brand} {title} - {color}" into a field; missing fields render empty and their separators collapse.',
  append: 'Append text to each value of a field.',
  prepend: 'Prepend text to each value of a field.',
  replace: 'Replace every occurrence of find: (plain, or a checked regular expression with regex: true).',
  truncate: 'Cut to max: characters at a word boundary.',
  case: 'upper, lower or title case (unicode-aware; locale: for Turkish and others).',
  strip_html: 'HTML to plain text.',
  default: 'Set a value when the field is empty.',
  lookup: 'Replace a value through a table (table: inline, or file: a CSV relative to the feed file).',
  split: 'Split a text into a list field, or keep one part (index:).',
  join: 'Join a list into one text.',
  round: 'Round a price to whole units or an ending such as 0.99 (integer minor units).',
  bucket: 'Write a label from numeric ranges of a field, or of the margin over cost: (price bands, bestseller flags, margin bands).',
  convert: 'Convert a price with an explicit rate (never implicit).',
  categories: 'Map the merchant category to a Google product category with a CSV file checked against the taxonomy.',
};

const optionalTransforms = Object.fromEntries(TRANSFORM_KEYS.map((k) => [k, transformSchemas[k].optional().describe(TRANSFORM_HELP[k])])) as {
  [K in TransformKey]: z.ZodOptional<(typeof transformSchemas)[K]>;
};

/** One rule: a filter (`include` / `exclude`) or one transform, optionally under `if:`. */
export const ruleSchema = z
  .object({
    /** Shown by `explain` and in messages; default a description of the rule. */
    name: z.string().optional().describe('Shown by explain and in messages; default a description of the rule.'),
    /** The transform runs only for products that meet this condition; default always. */
    if: conditionSchema.optional().describe('The transform runs only for products that meet this condition.'),
    /** Keep only the products that meet this condition. */
    include: conditionSchema.optional().describe('Keep only the products that meet this condition.'),
    /** Drop the products that meet this condition. */
    exclude: conditionSchema.optional().describe('Drop the products that meet this condition.'),
    ...optionalTransforms,
  })
  .strict()
  .superRefine((rule, ctx) => {
    const actions = ACTION_KEYS.filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
    if (actions.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: actions.length === 0 ? `a rule needs one action: ${ACTION_KEYS.join(', ')}` : `a rule has one action, this one has ${actions.join(' and ')}: make them separate rules`,
      });
    } else if (rule.if && (rule.include || rule.exclude)) {
      ctx.addIssue({ code: 'custom', path: ['if'], message: `a filter takes no if: put the whole condition in ${rule.include ? 'include' : 'exclude'}: (with all: [...])` });
    }
  });

/** Feed rules (filters and transforms), applied in order. */
export const rulesSchema = z.array(ruleSchema);
export type RuleConfig = z.infer<typeof ruleSchema>;
/** A rule as written in YAML (defaults not yet applied). */
export type RuleInput = z.input<typeof ruleSchema>;
