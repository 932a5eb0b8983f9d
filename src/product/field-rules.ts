import type { Issue, Severity } from '../issues/issue.js';
import { parseAvailability } from './availability.js';
import { parseCondition } from './condition.js';
import { parseGtin } from './gtin.js';
import { splitImageLinks } from './image-links.js';
import { parseIsoDate, parseIsoInterval } from './iso-date.js';
import { parsePrice, type PriceOptions } from './money.js';
import { showValue, type Parsed, type Refusal } from './parse-result.js';
import { TEXT_FIELDS, type Product } from './product.js';
import { parseQuantity } from './quantity.js';
import { parseShipping } from './shipping.js';
import { hasIllegalChars, hasIllegalCharsDecoded, removeIllegalChars } from './text.js';
import { parseUrl } from './url.js';
import { parseYesNo } from './yes-no.js';
import { lastCallForLong } from '../util/last-call.js';
import { looksLikeSpreadsheetNumber, spreadsheetNumber } from './spreadsheet-number.js';

/** Google allows up to 10 additional images; later ones are dropped with a warning. */
export const MAX_ADDITIONAL_IMAGES = 10;

/** What the rules of one row share: where issues go and whether the row already failed. */
export interface RowContext {
  row: number;
  id: string | undefined;
  issues: Issue[];
  failed: boolean;
  prices: PriceOptions;
  /** The row's text was decoded from UTF-8 bytes (a CSV unit), so it holds no lone surrogate. */
  decoded?: boolean;
}

/** Records one issue for `field` of the current row; an error makes the row invalid. */
export function report(ctx: RowContext, severity: Severity, code: string, field: string, message: string, fix: string): void {
  const advice = fix.endsWith('.') ? fix : `${fix}.`;
  const issue: Issue = { severity, code, message: `${message}. ${advice}`, row: ctx.row, field, fix: advice };
  if (ctx.id !== undefined) issue.id = ctx.id;
  ctx.issues.push(issue);
  if (severity === 'error') ctx.failed = true;
}

/** Records a parser's refusal of `raw` as `<field>.<code>`. */
export const refused = (ctx: RowContext, severity: Severity, field: string, raw: string, r: Refusal): void =>
  report(ctx, severity, `${field}.${r.code}`, field, `${field} ${showValue(raw)}: ${r.reason}`, r.fix);

const DIRTY = Symbol('dirty');
/** The text trimmed when it needs no cleaning (cleaning reports, so it is never remembered); long texts are often the last one again. */
const trimmedIfClean = lastCallForLong((raw: string): string | typeof DIRTY => (hasIllegalChars(raw) ? DIRTY : raw.trim()));
const trimmedIfCleanDecoded = lastCallForLong((raw: string): string | typeof DIRTY => (hasIllegalCharsDecoded(raw) ? DIRTY : raw.trim()));

/** Trims, removes XML-illegal characters (with a warning) and returns the text, or undefined when empty. */
export function cleanField(ctx: RowContext, field: string, raw: string): string | undefined {
  const trimmed = ctx.decoded ? trimmedIfCleanDecoded(raw) : trimmedIfClean(raw);
  if (trimmed !== DIRTY) return trimmed === '' ? undefined : trimmed;
  let text = raw;
  if (hasIllegalChars(text)) {
    text = removeIllegalChars(text);
    report(
      ctx,
      'warning',
      'text.control_chars',
      field,
      `${field} ${showValue(raw)}: control characters or broken surrogate pairs removed (XML 1.0 forbids them)`,
      'Remove them from the catalog (they often come from copy and paste) to keep the text as written',
    );
  }
  text = text.trim();
  return text === '' ? undefined : text;
}

type Rule = (raw: string, product: Product, ctx: RowContext) => void;

/**
 * A rule for an optional field: the parsed value, or a warning that names the value and the fix and
 * leaves the field out. The item stays; a channel that requires the field says so for itself.
 */
function lenient<T>(field: string, parse: (raw: string, ctx: RowContext) => Parsed<T>, store: (p: Product, v: T) => void): Rule {
  return (raw, product, ctx) => {
    const parsed = parse(raw, ctx);
    if (parsed.ok) store(product, parsed.value);
    else refused(ctx, 'warning', field, raw, { ...parsed, reason: `${parsed.reason}; the field is left out, the item stays` });
  };
}

/** A code field (MPN, group id) as text, unless a spreadsheet turned it into a number: then left out with a warning. */
function codeText(field: 'mpn' | 'item_group_id'): Rule {
  return (raw, product, ctx) => {
    if (looksLikeSpreadsheetNumber(raw)) {
      refused(ctx, 'warning', field, raw, { ...spreadsheetNumber(), reason: `${spreadsheetNumber().reason}; the field is left out, the item stays` });
      return;
    }
    const value = cleanField(ctx, field, raw);
    if (value !== undefined) product[field] = value;
  };
}

/** A rule that stores the parsed value, or reports an error and stores nothing. */
function strict<T>(field: string, parse: (raw: string, ctx: RowContext) => Parsed<T>, store: (p: Product, v: T) => void): Rule {
  return (raw, product, ctx) => {
    const parsed = parse(raw, ctx);
    if (parsed.ok) store(product, parsed.value);
    else refused(ctx, 'error', field, raw, parsed);
  };
}

function additionalImages(raw: string, product: Product, ctx: RowContext): void {
  const links = splitImageLinks(raw);
  for (const link of links) {
    const url = parseUrl(link);
    if (!url.ok) {
      refused(ctx, 'warning', 'additional_image_link', link, { ...url, fix: `${url.fix} This image is left out` });
    } else if (product.additional_image_link.length < MAX_ADDITIONAL_IMAGES) {
      product.additional_image_link.push(url.value);
    } else {
      report(
        ctx,
        'warning',
        'additional_image_link.too_many',
        'additional_image_link',
        `additional_image_link: more than ${MAX_ADDITIONAL_IMAGES} images (${links.length} given); the first ${MAX_ADDITIONAL_IMAGES} are kept`,
        'Keep the best 10 additional images',
      );
      return;
    }
  }
}

const rules = new Map<string, Rule>();
for (const field of TEXT_FIELDS) {
  rules.set(field, (raw, product, ctx) => {
    const value = cleanField(ctx, field, raw);
    if (value !== undefined) product[field] = value;
  });
}
// The fields every item needs somewhere (price) or most channels need (link, images, availability):
// a wrong value is an error of the row. The others are optional: a wrong value leaves the field
// out with a warning and the item stays.
rules.set('link', strict('link', parseUrl, (p, v) => (p.link = v)));
rules.set('mobile_link', lenient('mobile_link', parseUrl, (p, v) => (p.mobile_link = v)));
rules.set('image_link', strict('image_link', parseUrl, (p, v) => (p.image_link = v)));
rules.set('additional_image_link', additionalImages);
rules.set('price', strict('price', (raw, ctx) => parsePrice(raw, ctx.prices), (p, v) => (p.price = v)));
rules.set('sale_price', lenient('sale_price', (raw, ctx) => parsePrice(raw, ctx.prices), (p, v) => (p.sale_price = v)));
rules.set('sale_price_effective_date', lenient('sale_price_effective_date', parseIsoInterval, (p, v) => (p.sale_price_effective_date = v)));
rules.set('availability', strict('availability', parseAvailability, (p, v) => (p.availability = v)));
rules.set('availability_date', lenient('availability_date', parseIsoDate, (p, v) => (p.availability_date = v.text)));
rules.set('condition', lenient('condition', parseCondition, (p, v) => (p.condition = v)));
rules.set('quantity', lenient('quantity', parseQuantity, (p, v) => (p.quantity = v)));
rules.set('gtin', lenient('gtin', parseGtin, (p, v) => (p.gtin = v)));
rules.set('mpn', codeText('mpn'));
rules.set('item_group_id', codeText('item_group_id'));
rules.set('identifier_exists', lenient('identifier_exists', parseYesNo, (p, v) => (p.identifier_exists = v)));
rules.set('shipping', lenient('shipping', (raw, ctx) => parseShipping(raw, ctx.prices), (p, v) => (p.shipping = v)));

/** The rule of every canonical field except id (the validator reads id first, for its issues). */
export const FIELD_RULES: ReadonlyMap<string, Rule> = rules;
