import { fold } from '../rules/conditions.js';

/** Lookup key of a merchant category: case-folded, one space around each `>`, inner spaces collapsed. */
export const categoryKey = (category: string): string =>
  category
    .split('>')
    .map((s) => fold(s.trim().replace(/\s+/g, ' ')))
    .join(' > ');

/** The category and its ancestors, most specific first: `A > B > C`, `A > B`, `A`. */
export function categoryAncestors(category: string): string[] {
  const parts = categoryKey(category).split(' > ');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join(' > '));
}
