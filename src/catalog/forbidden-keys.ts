/** Keys that must never become object properties: they could reach Object.prototype. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const FORBIDDEN = new Set(FORBIDDEN_KEYS);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

/** True when any dotted segment of a flattened key is forbidden. */
export function hasForbiddenSegment(path: string): boolean {
  if (FORBIDDEN.has(path)) return true;
  if (path.indexOf('.') < 0) return false;
  for (const part of path.split('.')) if (FORBIDDEN.has(part)) return true;
  return false;
}
