import { isForbiddenKey } from '../forbidden-keys.js';

/**
 * Reads Magento's packed cells (`key=value,key=value`). A comma inside a value (no `=` after it
 * before the next comma) belongs to that value. Forbidden keys are dropped.
 */
export function parsePacked(cell: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!cell) return out;
  let key: string | undefined;
  for (const part of cell.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      key = part.slice(0, eq).trim();
      if (!isForbiddenKey(key)) out.set(key, part.slice(eq + 1));
    } else if (key !== undefined && out.has(key)) {
      out.set(key, `${out.get(key)},${part}`);
    }
  }
  return out;
}
