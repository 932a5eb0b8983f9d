import { parseAvailability } from '../product/availability.js';
import { parseCondition } from '../product/condition.js';
import type { Parsed } from '../product/parse-result.js';
import type { Product } from '../product/product.js';
import { parseYesNo } from '../product/yes-no.js';
import { OPERATORS, type ConditionConfig, type Scalar } from './condition-schema.js';
import { compareDecimal, moneyDecimal, parseDecimal, type Decimal } from './decimal.js';
import { fieldTexts, MONEY_FIELDS } from './fields.js';
import { compileSafeRegex } from './safe-regex.js';

/** A compiled condition. Never throws: every product either meets it or not. */
export type Predicate = (product: Product) => boolean;

/**
 * Case folding for `ignore_case`: upper then lower case maps ß and SS, ς and σ to one form
 * (JavaScript has no full case folding); NFC first so composed and decomposed letters agree.
 */
export const fold = (s: string): string => s.normalize('NFC').toUpperCase().toLowerCase();

/**
 * The field's numeric value: money in minor units with its currency, quantity, or text that reads
 * as a decimal number, with or without a currency code (`extra.margin: 0.35`,
 * `extra.price_eur: 18.90 EUR`); undefined when it has none.
 */
export function numericValue(product: Product, field: string): Decimal | undefined {
  if (MONEY_FIELDS.has(field)) {
    const m = product[field as 'price' | 'sale_price'];
    return m ? moneyDecimal(m) : undefined;
  }
  const [first] = fieldTexts(product, field);
  if (first === undefined) return undefined;
  return parseDecimal(first);
}

/**
 * value <op> threshold. A threshold with a currency matches only amounts in that currency; a
 * threshold without one is read in the value's own currency (`gt: 20` on a EUR price means 20.00 EUR).
 */
export function compareNumber(value: Decimal | undefined, threshold: Decimal, test: (c: number) => boolean): boolean {
  if (!value) return false;
  if (threshold.currency && threshold.currency !== value.currency) return false;
  return test(compareDecimal(value, threshold));
}

type Test = (product: Product) => boolean;

function textTest(field: string, ignoreCase: boolean, match: (value: string) => boolean): Test {
  // List fields (additional_image_link) meet a text operator when any element does.
  return (p) => fieldTexts(p, field).some((v) => match(ignoreCase ? fold(v) : v));
}

// Enumerated fields compare in their canonical spelling: `equals: "in stock"` matches in_stock,
// `equals: true` matches identifier_exists yes.
const CANONICAL: Record<string, (text: string) => Parsed<unknown>> = {
  availability: parseAvailability,
  condition: parseCondition,
  identifier_exists: (t) => {
    const r = parseYesNo(t);
    return r.ok ? { ok: true, value: r.value ? 'yes' : 'no' } : r;
  },
};

function equalsTest(field: string, expected: Scalar, ignoreCase: boolean): Test {
  const d = typeof expected === 'boolean' ? undefined : parseDecimal(expected);
  const numeric = d !== undefined && (MONEY_FIELDS.has(field) || field === 'quantity');
  if (numeric) return (p) => compareNumber(numericValue(p, field), d, (c) => c === 0);
  const canonical = CANONICAL[field]?.(String(expected));
  const want = canonical?.ok ? String(canonical.value) : String(expected);
  const needle = ignoreCase ? fold(want) : want;
  return textTest(field, ignoreCase, (v) => v === needle);
}

const ORDER: Record<'gt' | 'gte' | 'lt' | 'lte', (c: number) => boolean> = {
  gt: (c) => c > 0,
  gte: (c) => c >= 0,
  lt: (c) => c < 0,
  lte: (c) => c <= 0,
};

function operatorTest(field: string, op: (typeof OPERATORS)[number], c: ConditionConfig): Test {
  const ic = c.ignore_case ?? false;
  const norm = (s: string): string => (ic ? fold(s) : s);
  switch (op) {
    case 'equals':
      return equalsTest(field, c.equals!, ic);
    case 'not_equals': {
      const eq = equalsTest(field, c.not_equals!, ic);
      return (p) => !eq(p);
    }
    case 'in':
    case 'not_in': {
      const tests = c[op]!.map((v) => equalsTest(field, v, ic));
      return op === 'in' ? (p) => tests.some((t) => t(p)) : (p) => !tests.some((t) => t(p));
    }
    case 'contains': {
      const n = norm(c.contains!);
      return textTest(field, ic, (v) => v.includes(n));
    }
    case 'starts_with': {
      const n = norm(c.starts_with!);
      return textTest(field, ic, (v) => v.startsWith(n));
    }
    case 'ends_with': {
      const n = norm(c.ends_with!);
      return textTest(field, ic, (v) => v.endsWith(n));
    }
    case 'matches': {
      const re = compileSafeRegex(c.matches!, { ignoreCase: ic });
      return textTest(field, false, (v) => re.test(v));
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const threshold = parseDecimal(c[op]!)!;
      return (p) => compareNumber(numericValue(p, field), threshold, ORDER[op]);
    }
    case 'empty':
    case 'not_empty': {
      const wantEmpty = (op === 'empty') === c[op];
      return (p) => (fieldTexts(p, field).length === 0) === wantEmpty;
    }
  }
}

/** Compiles a validated condition; regular expressions are checked and compiled once here. */
export function compileCondition(c: ConditionConfig): Predicate {
  if (c.all) {
    const parts = c.all.map(compileCondition);
    return (p) => parts.every((t) => t(p));
  }
  if (c.any) {
    const parts = c.any.map(compileCondition);
    return (p) => parts.some((t) => t(p));
  }
  if (c.not) {
    const inner = compileCondition(c.not);
    return (p) => !inner(p);
  }
  const field = c.field!;
  const tests = OPERATORS.filter((op) => c[op] !== undefined).map((op) => operatorTest(field, op, c));
  return (p) => tests.every((t) => t(p));
}

const show = (v: unknown): string => JSON.stringify(v);

/** One line for explain and exclusion messages: `availability equals "out_of_stock" and price gt 20`. */
export function describeCondition(c: ConditionConfig): string {
  if (c.all) return c.all.map((x) => wrap(x, 'all')).join(' and ');
  if (c.any) return c.any.map((x) => wrap(x, 'any')).join(' or ');
  if (c.not) return `not ${wrap(c.not, 'not')}`;
  const ops = OPERATORS.filter((op) => c[op] !== undefined).map((op) =>
    op === 'empty' || op === 'not_empty' ? `is ${(op === 'empty') === c[op] ? '' : 'not '}empty` : `${op.replace('_', ' ')} ${show(c[op])}`,
  );
  return `${c.field} ${ops.join(' and ')}${c.ignore_case ? ' (ignoring case)' : ''}`;
}

function wrap(c: ConditionConfig, parent: 'all' | 'any' | 'not'): string {
  const inner = describeCondition(c);
  const compound = c.all || c.any || (c.field && OPERATORS.filter((op) => c[op] !== undefined).length > 1);
  return compound && (parent === 'not' || (parent === 'all' ? !c.all : !c.any)) ? `(${inner})` : inner;
}
