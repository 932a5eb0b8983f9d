import { CANONICAL_FIELDS, EXTRA_PREFIX, isKnownField, readField } from '../channels/generic/canonical-fields.js';
import { parseAvailability } from '../product/availability.js';
import { parseCondition } from '../product/condition.js';
import { parseGtin } from '../product/gtin.js';
import { parseIsoDate, parseIsoInterval } from '../product/iso-date.js';
import { parsePrice } from '../product/money.js';
import { accept, type Parsed } from '../product/parse-result.js';
import type { Product } from '../product/product.js';
import { parseQuantity } from '../product/quantity.js';
import { parseUrl } from '../product/url.js';
import { parseYesNo } from '../product/yes-no.js';
import { didYouMean } from '../util/did-you-mean.js';

/** Fields rules may read: the canonical Product fields and `extra.<column>`. */
export const RULE_FIELDS: readonly string[] = CANONICAL_FIELDS;

// Shipping is a list of structured entries: rules read it as text but cannot write it.
const READ_ONLY = new Set(['shipping']);
const REQUIRED = new Set(['id', 'title']);
export const MONEY_FIELDS = new Set(['price', 'sale_price']);
const LIST_FIELDS = new Set(['additional_image_link', 'shipping']);

/** Why `name` is not a field rules can read, or undefined. */
export function fieldProblem(name: string): string | undefined {
  if (isKnownField(name)) return undefined;
  if (name === EXTRA_PREFIX.slice(0, -1) || name === EXTRA_PREFIX) return `"${name}" needs a column name, such as extra.cost`;
  const hint = didYouMean(name, RULE_FIELDS);
  return `unknown field "${name}"${hint || ' (fields: the catalog fields such as title, price, brand, or extra.<column>)'}`;
}

/** Why rules cannot write `name`, or undefined. */
export const writeProblem = (name: string): string | undefined =>
  fieldProblem(name) ?? (READ_ONLY.has(name) ? `field "${name}" cannot be written by rules` : undefined);

export const isListField = (name: string): boolean => LIST_FIELDS.has(name);

/** A field's values as text: none, one, or the elements of a list field. */
export function fieldTexts(product: Product, name: string): string[] {
  const v = readField(product, name);
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** A field's value as text, list elements joined by `, `; for messages and traces. */
export function fieldDisplay(product: Product, name: string): string | undefined {
  const v = readField(product, name);
  return Array.isArray(v) ? v.join(', ') : v;
}

export interface WriteOptions {
  /** Currency of amounts written without one; default the field's current currency, then price's. */
  currency?: string;
  /** Number locale of written amounts; default `en-US`. */
  locale?: string;
}

const text = (s: string): Parsed<string> => accept(s);

/** The parser that re-validates a text written into `name`. */
function parserFor(name: string, product: Product, options: WriteOptions): (s: string) => Parsed<unknown> {
  switch (name) {
    case 'link':
    case 'mobile_link':
    case 'image_link':
    case 'additional_image_link':
      return parseUrl;
    case 'price':
    case 'sale_price': {
      const currency = options.currency ?? product[name]?.currency ?? product.price?.currency;
      return (s) => parsePrice(s, { currency, locale: options.locale });
    }
    case 'availability':
      return parseAvailability;
    case 'condition':
      return parseCondition;
    case 'quantity':
      return parseQuantity;
    case 'gtin':
      return parseGtin;
    case 'identifier_exists':
      return parseYesNo;
    case 'availability_date':
      return (s) => {
        const d = parseIsoDate(s);
        return d.ok ? accept(d.value.text) : d;
      };
    case 'sale_price_effective_date':
      return parseIsoInterval;
    default:
      return text;
  }
}

export type WriteResult = { ok: true; product: Product } | { ok: false; reason: string; fix: string };

/**
 * A copy of `product` with `name` set from text (a list for list fields), re-validated with the
 * catalog's own parser for that field. Empty text removes the field (required fields refuse).
 * The input product is never modified.
 */
export function writeField(product: Product, name: string, value: string | string[] | undefined, options: WriteOptions = {}): WriteResult {
  const texts = (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((s) => s.trim()).filter((s) => s !== '');
  if (name.startsWith(EXTRA_PREFIX)) {
    const extra = { ...product.extra };
    const column = name.slice(EXTRA_PREFIX.length);
    if (texts.length) extra[column] = texts.join(', ');
    else delete extra[column];
    return { ok: true, product: { ...product, extra } };
  }
  if (READ_ONLY.has(name)) return { ok: false, reason: `${name} cannot be written by rules`, fix: 'Remove the rule.' };
  if (!LIST_FIELDS.has(name) && texts.length > 1) return { ok: false, reason: `${name} holds one value, not a list`, fix: 'Join the values first (join:).' };
  const parse = parserFor(name, product, options);
  const parsed: unknown[] = [];
  for (const t of texts) {
    const r = parse(t);
    if (!r.ok) return { ok: false, reason: `${JSON.stringify(t)}: ${r.reason}`, fix: r.fix };
    parsed.push(r.value);
  }
  const next = { ...product } as unknown as Record<string, unknown>;
  if (LIST_FIELDS.has(name)) next[name] = parsed;
  else if (parsed.length === 1) next[name] = parsed[0];
  else if (REQUIRED.has(name)) return { ok: false, reason: `${name} cannot be empty`, fix: `Give every product a ${name}.` };
  // Undefined rather than deleted: every product keeps the one shape (see newProduct).
  else next[name] = undefined;
  return { ok: true, product: next as unknown as Product };
}
