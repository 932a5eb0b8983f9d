import { z } from 'zod';
import { countryCodeProblem } from '../product/country-codes.js';
import { isCurrencyCode } from '../product/currency-codes.js';
import { languageCodeProblem, languageTagProblem } from '../product/language-tags.js';

/** A string checked by `problem`, whose message (with its fix) becomes the zod issue. */
const checked = (problem: (s: string) => string | undefined) =>
  z.string().superRefine((s, ctx) => {
    const message = problem(s);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

function currencyProblem(code: string): string | undefined {
  if (isCurrencyCode(code)) return undefined;
  const upper = code.trim().toUpperCase();
  if (isCurrencyCode(upper)) return `"${code}" is not an ISO 4217 currency code: did you mean ${upper}?`;
  return `"${code}" is not an ISO 4217 currency code (write one such as "USD", "EUR" or "GBP")`;
}

// The JSON Schemas in schemas/ (editors) get the patterns (the lists inlined at every use would add 3,000 lines); the messages with the fix come from the checks.
/** ISO 3166-1 alpha-2 country, everywhere a config names one. */
export const countryCode = checked(countryCodeProblem).meta({ pattern: '^[A-Z]{2}$' });
/** ISO 4217 currency (the one list in src/product/currency-codes.ts). */
export const currencyCode = checked(currencyProblem).meta({ pattern: '^[A-Z]{3}$' });
/** BCP 47 language tag with a known primary language. */
export const languageTag = checked(languageTagProblem).meta({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$' });
/** Two-letter ISO 639-1 language, for APIs that take only that. */
export const languageCode = checked(languageCodeProblem).meta({ pattern: '^[a-z]{2}$' });
