import type { Product } from '../../product/product.js';
import type { ItemIssues } from './item-issues.js';

/** What a channel does with an item that has neither a GTIN nor brand + MPN, and no identifier_exists=no. */
export type MissingIdentifierPolicy = 'exclude' | 'identifier_exists_no' | 'allow';

export interface IdentifierFields {
  gtin?: string;
  brand?: string;
  mpn?: string;
  /** `no` when the product has no manufacturer identifiers (custom or handmade goods). */
  identifier_exists?: 'no';
}

/**
 * Google's unique product identifier rules, shared by every Google-compatible channel: a GTIN, or
 * brand + MPN, identify the product; a product marked identifier_exists=false is published with
 * `identifier_exists: no`. Anything else is a missing identifier, handled by `policy`:
 * `exclude` -> error `<channel>.gtin.missing_identifier`; `identifier_exists_no` -> published with
 * identifier_exists=no and a warning of the same code; `allow` -> published as it is.
 */
export function identifiersFor(product: Product, policy: MissingIdentifierPolicy, out: ItemIssues): IdentifierFields {
  const { gtin, brand, mpn } = product;
  const fields: IdentifierFields = {};
  if (gtin) fields.gtin = gtin;
  if (brand) fields.brand = brand;
  if (mpn) fields.mpn = mpn;
  if (gtin || (brand && mpn)) return fields;
  if (product.identifier_exists === false) return { ...fields, identifier_exists: 'no' };
  const message = 'The item has no GTIN and no brand + MPN pair, and is not marked identifier_exists=false.';
  const fix = 'Add the GTIN (or brand and MPN), or set identifier_exists to false for products without manufacturer codes.';
  if (policy === 'exclude') out.error('gtin', 'missing_identifier', `${message} It is left out.`, { fix });
  else if (policy === 'identifier_exists_no') {
    out.warn('gtin', 'missing_identifier', `${message} It is published with identifier_exists=no.`, { fix });
    return { ...fields, identifier_exists: 'no' };
  }
  return fields;
}
