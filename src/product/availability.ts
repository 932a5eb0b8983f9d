import { enumKey } from './enum-key.js';
import { accept, refuse, type Parsed } from './parse-result.js';
import type { Availability } from './product.js';

/** Spellings from shop exports, schema.org and other channels, by enumKey. */
const SPELLINGS = new Map<string, Availability>([
  ['instock', 'in_stock'],
  ['available', 'in_stock'],
  ['limitedavailability', 'in_stock'],
  ['onlineonly', 'in_stock'],
  ['instoreonly', 'in_stock'],
  ['outofstock', 'out_of_stock'],
  ['soldout', 'out_of_stock'],
  ['unavailable', 'out_of_stock'],
  ['notavailable', 'out_of_stock'],
  ['discontinued', 'out_of_stock'],
  ['preorder', 'preorder'],
  ['presale', 'preorder'],
  ['backorder', 'backorder'],
  ['backordered', 'backorder'],
  ['onbackorder', 'backorder'],
]);

/** `in stock`, `InStock`, `in_stock`, `https://schema.org/InStock`, `sold out`, `pre-order`... */
export function parseAvailability(text: string): Parsed<Availability> {
  const value = SPELLINGS.get(enumKey(text));
  if (value) return accept(value);
  return refuse('unknown', 'not an availability', 'Use in stock, out of stock, preorder or backorder.');
}
