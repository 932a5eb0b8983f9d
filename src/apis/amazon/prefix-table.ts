import type { Product } from '../../product/product.js';

/**
 * A mapping table keyed by category path prefixes (`Apparel > Tops`): the value of the longest key
 * that equals or prefixes the product's product_type or google_product_category, comparing at `>`
 * boundaries, case-insensitively. Marketplaces use it for product types (Amazon) and category ids (eBay).
 */
export function lookupByPrefix<T>(p: Product, table: Record<string, T>): T | undefined {
  let best: [number, T] | undefined;
  for (const source of [p.product_type, p.google_product_category]) {
    if (!source) continue;
    const value = norm(source);
    for (const [key, mapped] of Object.entries(table)) {
      const k = norm(key);
      const matches = value === k || value.startsWith(`${k} >`);
      if (matches && (!best || k.length > best[0])) best = [k.length, mapped];
    }
  }
  return best?.[1];
}

const norm = (s: string): string => s.toLowerCase().replace(/\s*>\s*/g, ' > ').trim();
