import type { Issue } from '../issues/issue.js';
import { ShelfcastError } from '../issues/issue.js';
import type { Product } from '../product/product.js';
import type { RuleConfig } from './schema.js';

export interface RuleContext {
  feed: string;
  row: number;
}

export interface RuleResult {
  /** Absent when a filter excluded the product from this feed. */
  product?: Product;
  issues: Issue[];
}

export interface CompiledRules {
  apply(product: Product, ctx: RuleContext): RuleResult;
}

/** Compiles a feed's rules once, at load; applying them is pure. */
export function compileRules(rules: RuleConfig[], file: string, _options?: { baseDir: string }): CompiledRules {
  if (rules.length > 0) throw new ShelfcastError(`${file}: rules: feed rules are not available in this build`);
  return { apply: (product) => ({ product, issues: [] }) };
}
