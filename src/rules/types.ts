import type { Issue } from '../issues/issue.js';
import type { Product } from '../product/product.js';

export interface RuleContext {
  /** Feed id, for issues. */
  feed: string;
  /** Spreadsheet row of the product, for issues. */
  row: number;
  /** Feed language (ISO 639-1): the default locale of `case:` transforms; default none (locale-independent). */
  language?: string;
}

export interface RuleResult {
  /** Absent when a filter excluded the product from this feed. */
  product?: Product;
  issues: Issue[];
  /** The filter that excluded the product, when one did. */
  excludedBy?: { index: number; rule: string };
}

/** One field a rule changed, as text (list elements joined by `, `); absent = empty. */
export interface FieldChange {
  field: string;
  before?: string;
  after?: string;
}

/** What one rule did to one product, for `explain`. */
export interface RuleTraceEntry {
  /** Position of the rule in the feed's `rules:` list (0-based, as in `rules[3]`). */
  index: number;
  /** The rule's `name`, or a description of it. */
  rule: string;
  /** `include`, `exclude`, `set`, `template`... */
  action: string;
  /** Transforms: the `if:` condition held and the transform ran. Filters: the filter excluded the product. */
  fired: boolean;
  changes: FieldChange[];
  /** Issues the rule raised for this product (a value that did not validate...). */
  issues: Issue[];
}

export interface CompiledRules {
  /** How many rules there are (a feed without rules skips them per item). */
  count: number;
  /** Pure and deterministic: returns a new product (the input is never modified). */
  apply(product: Product, ctx: RuleContext, trace?: RuleTraceEntry[]): RuleResult;
}

/** Per-product state a transform reports into. */
export interface TransformEnv {
  ctx: RuleContext;
  /** Issues raised for this product by this rule. */
  issues: Issue[];
  /** `rules[3] (set price)`, for messages. */
  where: string;
}

export interface CompiledTransform {
  /** Fields the transform may change (for traces). */
  writes: string[];
  run(product: Product, env: TransformEnv): Product;
}
