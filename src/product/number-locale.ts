import { ShelfcastError } from '../issues/issue.js';

/** How a locale writes numbers: what a price parser needs to know, computed once per locale. */
export interface NumberLocale {
  locale: string;
  /** Decimal separator: `.` (en-US) or `,` (de-DE). */
  decimal: string;
  /** Characters accepted as thousands separators (fr-FR: space, no-break space, narrow no-break space). */
  groups: string;
  /** Digits in each group before the last (3; 2 for en-IN's 1,23,45,678). */
  groupSize: number;
  /** 1234.56 as the locale writes it, for messages: `1,234.56`, `1.234,56`. */
  example: string;
}

const SPACES = ' \u00a0\u202f';
const APOSTROPHES = "'’";
const cache = new Map<string, NumberLocale>();

/**
 * Separators of `locale` as Intl (ICU) formats numbers there, in Latin digits. Throws a
 * ShelfcastError for a tag that is not BCP 47 (a configuration error, not a row problem).
 */
export function numberLocale(locale: string): NumberLocale {
  const known = cache.get(locale);
  if (known) return known;
  let parts: Intl.NumberFormatPart[];
  try {
    parts = new Intl.NumberFormat(locale, { numberingSystem: 'latn', useGrouping: true }).formatToParts(12345678.5);
  } catch (cause) {
    throw new ShelfcastError(
      `shelfcast.yaml: catalog.locale ${JSON.stringify(locale)} is not a locale; use a BCP 47 tag such as en-US or de-DE`,
      { cause },
    );
  }
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const group = parts.find((p) => p.type === 'group')?.value ?? ',';
  const integers = parts.filter((p) => p.type === 'integer');
  const groupSize = integers.length > 2 ? integers[1].value.length : 3;
  // People type a plain space or apostrophe where ICU prints a no-break space or a curly quote.
  const groups = SPACES.includes(group) ? SPACES : APOSTROPHES.includes(group) ? APOSTROPHES : group;
  const example = `1${group}234${decimal}56`;
  const result: NumberLocale = { locale, decimal, groups, groupSize, example };
  cache.set(locale, result);
  return result;
}
