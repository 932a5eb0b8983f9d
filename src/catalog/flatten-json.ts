import { blankRecord } from '../util/blank-record.js';
import type { Issue } from '../issues/issue.js';
import { isForbiddenKey } from './forbidden-keys.js';
import { forbiddenKey } from './record-issues.js';

/** Adds a value under a key; a key met again (array of objects) joins its values with `,`. */
export function appendField(out: Record<string, string>, key: string, value: string): void {
  const prev = out[key];
  out[key] = prev === undefined || prev === '' ? value : value === '' ? prev : `${prev},${value}`;
}

/**
 * Flattens one parsed JSON item into string fields: nested objects become `a.b` keys, arrays of
 * scalars are joined with `,`, null is an empty string. Forbidden keys are skipped and reported.
 * Depth is bounded by the scanner (items deeper than maxDepth never get here).
 */
export function flattenJson(value: unknown, row: number, issues: Issue[]): Record<string, string> {
  const out: Record<string, string> = blankRecord();
  walk(value, '', out, row, issues);
  return out;
}

function walk(value: unknown, path: string, out: Record<string, string>, row: number, issues: Issue[]): void {
  if (value === null || value === undefined) {
    if (path && !(path in out)) out[path] = '';
  } else if (Array.isArray(value)) {
    for (const element of value) walk(element, path, out, row, issues);
    if (value.length === 0 && path && !(path in out)) out[path] = '';
  } else if (typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (isForbiddenKey(key)) {
        issues.push(forbiddenKey(row, path ? `${path}.${key}` : key));
        continue;
      }
      walk((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out, row, issues);
    }
  } else {
    appendField(out, path || 'value', String(value));
  }
}
