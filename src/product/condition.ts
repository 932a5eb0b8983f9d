import { enumKey } from './enum-key.js';
import { accept, refuse, type Parsed } from './parse-result.js';
import type { Condition } from './product.js';

/** Spellings from shop exports and schema.org, by enumKey. */
const SPELLINGS = new Map<string, Condition>([
  ['new', 'new'],
  ['newcondition', 'new'],
  ['brandnew', 'new'],
  ['used', 'used'],
  ['usedcondition', 'used'],
  ['secondhand', 'used'],
  ['preowned', 'used'],
  ['damagedcondition', 'used'],
  ['refurbished', 'refurbished'],
  ['refurbishedcondition', 'refurbished'],
  ['renewed', 'refurbished'],
  ['reconditioned', 'refurbished'],
]);

/** `new`, `NewCondition`, `https://schema.org/UsedCondition`, `refurbished`, `pre-owned`... */
export function parseCondition(text: string): Parsed<Condition> {
  const value = SPELLINGS.get(enumKey(text));
  if (value) return accept(value);
  return refuse('unknown', 'not a condition', 'Use new, refurbished or used.');
}
