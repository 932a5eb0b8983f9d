import { accept, refuse, type Parsed } from './parse-result.js';

const VALUES = new Map<string, boolean>([
  ['yes', true],
  ['true', true],
  ['no', false],
  ['false', false],
]);

/** `yes`/`no`/`true`/`false` in any case, as for identifier_exists. */
export function parseYesNo(text: string): Parsed<boolean> {
  const value = VALUES.get(text.trim().toLowerCase());
  if (value !== undefined) return accept(value);
  return refuse('invalid', 'expected yes or no', 'Write yes or no.');
}
