import type { Product } from '../../product/product.js';
import type { ItemIssues } from './item-issues.js';

/**
 * What a channel does with an item that has neither a GTIN nor brand + MPN, and is not marked
 * identifier_exists=false: `keep` it with a warning (Google: "performance may be limited"),
 * `exclude` it (an error), or `allow` it silently (channels without identifier rules).
 */
export type MissingIdentifierPolicy = 'keep' | 'exclude' | 'allow';

export interface IdentifierFields {
  gtin?: string;
  brand?: string;
  mpn?: string;
  /** `no` when the catalog (or a rule) says the product has no manufacturer identifiers. */
  identifier_exists?: 'no';
}

/** The fix of a missing identifier; names the feed option and the catalog field that exist. */
export const MISSING_IDENTIFIER_FIX =
  'Add the GTIN (or the MPN) from the manufacturer; for custom, handmade or vintage goods without one, set identifier_exists to false in the catalog (or with a rule: set: { field: identifier_exists, value: "no" }); to leave such items out instead, set options.missingIdentifier: exclude in the feed.';

/**
 * Google's unique product identifier rules, shared by every Google-compatible channel: a GTIN, or
 * brand + MPN, identify the product. identifier_exists=no is written only where the catalog or a
 * rule says so (product.identifier_exists === false): Google warns that a false "no" on a product
 * that has a GTIN can become a disapproval, so shelfcast never guesses it. Anything else is a
 * missing identifier, handled by `policy` (code `<channel>.gtin.missing_identifier`).
 */
export function identifiersFor(product: Product, policy: MissingIdentifierPolicy, out: ItemIssues): IdentifierFields {
  const { gtin, brand, mpn } = product;
  const fields: IdentifierFields = {};
  if (gtin) fields.gtin = gtin;
  if (brand) fields.brand = brand;
  if (mpn) fields.mpn = mpn;
  if (gtin || (brand && mpn)) return fields;
  if (product.identifier_exists === false) return { ...fields, identifier_exists: 'no' };
  const message = 'The item has no GTIN and no brand + MPN pair, and is not marked identifier_exists=false';
  if (policy === 'exclude') out.error('gtin', 'missing_identifier', `${message}; it is left out (options.missingIdentifier: exclude).`, { fix: MISSING_IDENTIFIER_FIX });
  else if (policy === 'keep') out.warn('gtin', 'missing_identifier', `${message}; it is published, but the channel may limit its reach.`, { fix: MISSING_IDENTIFIER_FIX });
  return fields;
}

/** The fix of a missing brand: the catalog column, or a feed rule that fills it. */
export const BRAND_FIX = 'Map the brand column (catalog.columns: { brand: "<column>" }), or fill it in the feed with a rule: default: { field: brand, value: "<your brand>" }.';

/**
 * Google requires a brand for new products, also those with identifier_exists=no (the manufacturer
 * or the shop's own label when there is no brand). Used products, and refurbished ones, may omit it.
 */
export function requireBrandForNew(product: Product, condition: string | undefined, out: ItemIssues): void {
  if (product.brand || (condition !== undefined && condition !== 'new')) return;
  out.error('brand', 'missing', 'brand is required for new products (also those without GTIN or MPN); the item is left out.', { fix: BRAND_FIX });
}
