import { warning } from '../issues/issue.js';
import type { Product } from '../product/product.js';
import { fieldTexts, isListField, writeField, type WriteOptions } from './fields.js';
import type { TransformEnv } from './types.js';

/**
 * Writes a field (re-validated for its type); a value that does not validate leaves the product
 * unchanged and raises a `rules.value_invalid` warning naming the rule.
 */
export function write(product: Product, field: string, value: string | string[] | undefined, env: TransformEnv, options?: WriteOptions): Product {
  const r = writeField(product, field, value, options);
  if (r.ok) return r.product;
  return refuseWrite(product, field, r.reason, r.fix, env);
}

/** Raises the `rules.value_invalid` warning for a value the rule could not write; returns the product unchanged. */
export function refuseWrite(product: Product, field: string, reason: string, fix: string, env: TransformEnv): Product {
  env.issues.push(
    warning('rules.value_invalid', `${env.where}: ${field}: ${reason}; the field keeps its value`, {
      feed: env.ctx.feed,
      row: env.ctx.row,
      id: product.id,
      field,
      fix,
    }),
  );
  return product;
}

/** Applies `fn` to each value of the field (every element of a list field); empty fields stay empty. */
export function mapTexts(product: Product, field: string, fn: (s: string) => string, env: TransformEnv, options?: WriteOptions): Product {
  const before = fieldTexts(product, field);
  if (before.length === 0) return product;
  const after = before.map(fn);
  if (after.every((v, i) => v === before[i])) return product;
  return write(product, field, isListField(field) ? after : after[0], env, options);
}
