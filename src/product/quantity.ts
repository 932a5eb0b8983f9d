import { accept, refuse, type Parsed } from './parse-result.js';

// Shop systems store stock as decimals (`100.0000`); only a zero fraction is a whole number.
const QUANTITY = /^(\d{1,15})(?:\.0+)?$/;

/** A non-negative whole number of units: `12`, `0`, `100.0000`. */
export function parseQuantity(text: string): Parsed<number> {
  const match = QUANTITY.exec(text.trim());
  if (match) return accept(Number(match[1]));
  return refuse('invalid', 'a quantity is a whole number of units, 0 or more', 'Write the stock as a whole number such as 12 (0 when none is left).');
}
