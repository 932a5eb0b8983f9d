import type { Product } from '../../product/product.js';

/**
 * A mapping table keyed by category path prefixes (`Apparel > Tops`): the value of the longest key
 * that equals or prefixes the product's product_type or google_product_category, comparing at `>`
 * boundaries, case-insensitively. Marketplaces use it for product types (Amazon) and category ids (eBay).
 */
export function lookupByPrefix<T>(p: Product, table: Record<string, T>): T | undefined {
  const rows = normalized(table);
  if (rows.length === 0) return undefined;
  let best: [number, T] | undefined;
  for (const source of [p.product_type, p.google_product_category]) {
    if (!source) continue;
    const value = norm(source);
    for (const [k, prefix, mapped] of rows) {
      const matches = value === k || value.startsWith(prefix);
      if (matches && (!best || k.length > best[0])) best = [k.length, mapped];
    }
  }
  return best?.[1];
}

/** Tables come from feed options, parsed once per feed: their keys are normalised once, not per item. */
const tables = new WeakMap<object, Array<[string, string, unknown]>>();
function normalized<T>(table: Record<string, T>): Array<[key: string, prefix: string, mapped: T]> {
  let rows = tables.get(table);
  if (rows === undefined) {
    rows = Object.entries(table).map(([key, mapped]) => [norm(key), `${norm(key)} >`, mapped]);
    tables.set(table, rows);
  }
  return rows as Array<[string, string, T]>;
}

const norm = (s: string): string => s.toLowerCase().replace(/\s*>\s*/g, ' > ').trim();
