import { z } from 'zod';
import { parseDecimal } from './decimal.js';
import { fieldProblem, writeProblem } from './fields.js';
import { regexProblem } from './safe-regex.js';

/** A field rules may read: a canonical Product field or `extra.<column>`. */
export const fieldName = z.string().superRefine((name, ctx) => {
  const problem = fieldProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** A field rules may write (every readable field but shipping). */
export const writableField = z.string().superRefine((name, ctx) => {
  const problem = writeProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** `20`, `19.99`, `"19.99 USD"`: compared exactly, in minor units for money. */
export const numberish = z.union([z.number(), z.string()]).superRefine((v, ctx) => {
  if (!parseDecimal(v)) ctx.addIssue({ code: 'custom', message: `expected a number such as 20 or 19.99, or an amount with its currency such as "19.99 USD"; got ${JSON.stringify(v)}` });
});

export const safePattern = z.string().superRefine((pattern, ctx) => {
  const problem = regexProblem(pattern);
  if (problem) ctx.addIssue({ code: 'custom', message: `regular expression refused: ${problem}` });
});

export const COMBINATORS = ['all', 'any', 'not'] as const;
export const OPERATORS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'ends_with',
  'matches',
  'gt',
  'gte',
  'lt',
  'lte',
  'empty',
  'not_empty',
] as const;
export type Operator = (typeof OPERATORS)[number];
export type Scalar = string | number | boolean;

/** A condition: `all` / `any` / `not` of conditions, or a field with one or more operators (all must hold). */
export interface ConditionConfig {
  all?: ConditionConfig[];
  any?: ConditionConfig[];
  not?: ConditionConfig;
  field?: string;
  equals?: Scalar;
  not_equals?: Scalar;
  in?: Scalar[];
  not_in?: Scalar[];
  contains?: string;
  starts_with?: string;
  ends_with?: string;
  matches?: string;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  empty?: boolean;
  not_empty?: boolean;
  /** Compare text without regard to case (unicode-aware); default false. */
  ignore_case?: boolean;
}

export const conditionSchema: z.ZodType<ConditionConfig> = z.lazy(() =>
  z
    .object({
      all: z.array(conditionSchema).min(1).optional(),
      any: z.array(conditionSchema).min(1).optional(),
      not: conditionSchema.optional(),
      field: fieldName.optional(),
      equals: scalar.optional(),
      not_equals: scalar.optional(),
      in: z.array(scalar).min(1).optional(),
      not_in: z.array(scalar).min(1).optional(),
      contains: z.string().optional(),
      starts_with: z.string().optional(),
      ends_with: z.string().optional(),
      matches: safePattern.optional(),
      gt: numberish.optional(),
      gte: numberish.optional(),
      lt: numberish.optional(),
      lte: numberish.optional(),
      empty: z.boolean().optional(),
      not_empty: z.boolean().optional(),
      ignore_case: z.boolean().optional(),
    })
    .strict()
    .superRefine((c, ctx) => {
      const combinators = COMBINATORS.filter((k) => c[k] !== undefined);
      const operators = OPERATORS.filter((k) => c[k] !== undefined);
      if (combinators.length > 1 || (combinators.length === 1 && (c.field !== undefined || operators.length > 0))) {
        ctx.addIssue({ code: 'custom', message: 'a condition is one of all:, any:, not:, or field: with operators; split it into all: [...]' });
      } else if (combinators.length === 0 && c.field === undefined) {
        ctx.addIssue({ code: 'custom', message: 'a condition needs field: and an operator (or all:, any:, not:)' });
      } else if (combinators.length === 0 && operators.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['field'], message: `no operator for "${c.field}": add one of ${OPERATORS.join(', ')}` });
      }
    }),
);
