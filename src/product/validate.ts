import { ShelfcastError, type Issue } from '../issues/issue.js';
import type { MappedRow } from '../catalog/types.js';
import { isCurrencyCode } from './currency-codes.js';
import { COLUMN_COUNT_CODE } from '../catalog/csv-rows.js';
import { DuplicateIds } from './duplicate-ids.js';
import { looksLikeSpreadsheetNumber, spreadsheetNumber } from './spreadsheet-number.js';
import { cleanField, FIELD_RULES, report, type RowContext } from './field-rules.js';
import { checkCountryColumns } from './country-columns.js';
import { formatMoney } from './money-format.js';
import { numberLocale } from './number-locale.js';
import { newProduct, type CatalogItem, type Product } from './product.js';

export interface ValidatorOptions {
  /** Number locale for prices such as `1.234,56`; default `en-US`. */
  locale?: string;
  /** Currency for prices written without one; default none (then such a price is an error). */
  currency?: string;
  /**
   * Every value is text decoded from UTF-8 bytes (CSV units, read by the scanner): it cannot hold a
   * lone surrogate, so only control characters are screened; default false.
   */
  decoded?: boolean;
}

/** What validating one row gives: the item when it has no error, its issues, and its id when it has one. */
export interface RowVerdict {
  item?: CatalogItem;
  issues: Issue[];
  /** The cleaned id, also for invalid rows: a later row may not reuse it. */
  id?: string;
  /** The shop does not publish the product (MappedRow.unpublished): no item, no error, counted apart. */
  unpublished?: true;
}

export interface Validator {
  /** One mapped row (canonical Google field names -> raw strings, plus `extra`), duplicate ids included. */
  validate(row: MappedRow): RowVerdict;
  /**
   * Everything but the duplicate-id check, which needs every earlier row: depends on the row alone,
   * so worker threads can check rows in any order; the one pass then applies rejectDuplicate().
   */
  check(row: MappedRow): RowVerdict;
  /**
   * Records the id of the row at `row`; when an earlier row has it, adds the error to `issues` and
   * returns true (the row is then rejected).
   */
  rejectDuplicate(id: string | undefined, row: number, issues: Issue[]): boolean;
  /** Issues known only after every row (e.g. the first occurrence of a duplicated id). */
  finish(): Issue[];
}

/**
 * The one validation of the catalog: turns mapped rows into canonical Products. A row yields an
 * item only when it has no error; warnings ride along. Throws (ShelfcastError) only for invalid
 * options, before the first row.
 */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const locale = options.locale ?? 'en-US';
  numberLocale(locale);
  const currency = options.currency;
  if (currency !== undefined && !isCurrencyCode(currency)) {
    throw new ShelfcastError(
      `shelfcast.yaml: catalog.currency ${JSON.stringify(currency)} is not an ISO 4217 currency code; use one such as USD or EUR`,
    );
  }
  const prices = { locale, currency };
  const decoded = options.decoded === true;
  const ids = new DuplicateIds();
  const unsupported = new Set<string>();

  function check(row: MappedRow): RowVerdict {
    const issues: Issue[] = [];
    const ctx: RowContext = { row: row.row, id: undefined, issues, failed: false, prices, decoded };
    if (row.issues) {
      for (const i of row.issues) {
        issues.push(i);
        if (i.severity === 'error') ctx.failed = true;
      }
    }
    // Not published by the shop: left out before any field is read (its info line is in row.issues).
    if (row.unpublished !== undefined) return { issues, unpublished: true };
    const fields = row.fields;
    // Cells shifted by a missing or extra delimiter are not the values of their columns: the row's
    // one error is its cell count, not a list of wrong fields.
    const shifted = ctx.failed && issues.some((i) => i.code === COLUMN_COUNT_CODE);
    const rawId = asText(fields.id);
    const id = rawId === undefined ? undefined : cleanField(ctx, 'id', rawId);
    if (id === undefined) {
      if (!shifted) report(ctx, 'error', 'id.missing', 'id', 'id is missing', 'Give every product a unique id (usually the SKU) and map that column to id');
    } else if (looksLikeSpreadsheetNumber(id)) {
      // The id is how every channel knows the item: a mangled SKU would publish a new, wrong product.
      const r = spreadsheetNumber();
      ctx.id = id;
      report(ctx, 'error', `id.${r.code}`, 'id', `id ${JSON.stringify(id)} ${r.reason}; the row is rejected`, r.fix);
    } else {
      ctx.id = id;
      for (const i of issues) if (i.id === undefined && i.row === row.row) i.id = id;
    }
    if (shifted) return id === undefined ? { issues } : { issues, id };
    const product = newProduct(id ?? '', row.extra ?? {});
    for (const field in fields) {
      if (field === 'id') continue;
      const raw = asText(fields[field]);
      if (raw === undefined || isBlank(raw)) continue;
      const rule = FIELD_RULES.get(field);
      if (rule) rule(raw, product, ctx);
      else keepUnsupported(product, row, field, raw, ctx);
    }
    if (product.title === '') {
      report(ctx, 'error', 'title.missing', 'title', 'title is missing', 'Give every product a title and map that column to title');
    }
    checkSalePrice(product, ctx);
    checkCountryColumns(product, ctx);
    if (ctx.failed) return id === undefined ? { issues } : { issues, id };
    return { item: { product, row: row.row }, issues, id };
  }

  function rejectDuplicate(id: string | undefined, row: number, issues: Issue[]): boolean {
    if (id === undefined) return false;
    const first = ids.see(id, row);
    if (first === undefined) return false;
    issues.push(duplicateIssue(id, row, first));
    return true;
  }

  function validate(row: MappedRow): RowVerdict {
    const verdict = check(row);
    if (rejectDuplicate(verdict.id, row.row, verdict.issues)) delete verdict.item;
    return verdict;
  }

  /** A canonical field the Product does not model is kept in extra, where rules and channels can read it. */
  function keepUnsupported(product: Product, row: MappedRow, field: string, raw: string, ctx: RowContext): void {
    if (product.extra === row.extra) product.extra = { ...row.extra };
    if (field !== '__proto__' && !Object.hasOwn(product.extra, field)) product.extra[field] = raw;
    if (unsupported.has(field)) return;
    unsupported.add(field);
    report(
      ctx,
      'info',
      'field.unsupported',
      field,
      `${field} is not a field shelfcast validates; its values are kept as extra columns (reported once)`,
      'Nothing to do if a rule or channel reads it; otherwise check the column mapping',
    );
  }

  return { validate, check, rejectDuplicate, finish: () => ids.finish() };
}

/** The error of a row whose id an earlier row has; reported after the row's other issues. */
function duplicateIssue(id: string, row: number, first: number): Issue {
  const ctx: RowContext = { row, id, issues: [], failed: false, prices: {} };
  report(
    ctx,
    'error',
    'id.duplicate',
    'id',
    `id ${JSON.stringify(id)} is already used on row ${first}; this row is rejected`,
    'Give every product and every variant its own id (variants share item_group_id instead)',
  );
  return ctx.issues[0]!;
}

/** A sale price must undercut the price in the same currency; otherwise it is dropped with a warning. */
function checkSalePrice(product: Product, ctx: RowContext): void {
  const sale = product.sale_price;
  const price = product.price;
  if (!sale || !price) return;
  if (sale.currency !== price.currency) {
    product.sale_price = undefined;
    report(
      ctx,
      'warning',
      'sale_price.currency',
      'sale_price',
      `sale_price ${formatMoney(sale)} is not in the currency of price ${formatMoney(price)}; the sale price is dropped`,
      'Write both in the same currency',
    );
  } else if (sale.amount >= price.amount) {
    product.sale_price = undefined;
    report(
      ctx,
      'warning',
      'sale_price.not_lower',
      'sale_price',
      `sale_price ${formatMoney(sale)} is not lower than price ${formatMoney(price)}; the sale price is dropped`,
      'Put the regular price in price and the reduced one in sale_price',
    );
  }
}

/**
 * The value as text. Readers deliver strings; a number or boolean from a hand-built JSON row is
 * read as its text rather than lost, and anything else counts as absent.
 */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** True for empty or whitespace-only text, without allocating for the common non-blank value. */
function isBlank(text: string): boolean {
  if (text === '') return true;
  const c = text.charCodeAt(0);
  if (c > 32 && c !== 0xa0 && c < 0x2000) return false;
  return text.trim() === '';
}
