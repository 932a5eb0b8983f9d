import { z } from 'zod';
import { isCurrencyCode } from '../../product/currency-codes.js';
import { countryCodeFor, isCountryCode } from '../../product/country-codes.js';
import { languageTagProblem } from './language-tag.js';

/**
 * The config's country, currency and language fields, one schema each: every place the config
 * names a country (feed, matrix target, destination) refuses what no channel will take.
 */
export const countryCode = z.string().superRefine((code, ctx) => {
  if (isCountryCode(code)) return;
  const meant = countryCodeFor(code);
  ctx.addIssue({
    code: 'custom',
    message: meant
      ? `"${code}" is not an ISO 3166-1 alpha-2 country code; did you mean ${meant}? (write ${meant})`
      : `"${code}" is not an ISO 3166-1 alpha-2 country code (write an assigned code such as "US", "GB" or "DE")`,
  });
}).meta({ pattern: '^[A-Z]{2}$' }); // the JSON Schemas keep a pattern for editors; the list is checked here

export const currencyCode = z.string().superRefine((code, ctx) => {
  if (isCurrencyCode(code)) return;
  const upper = code.toUpperCase();
  ctx.addIssue({
    code: 'custom',
    message: isCurrencyCode(upper)
      ? `"${code}" is not an ISO 4217 currency code; write it in upper case: ${upper}`
      : `"${code}" is not an ISO 4217 currency code (write an upper-case code such as "USD", "EUR" or "GBP")`,
  });
}).meta({ pattern: '^[A-Z]{3}$' });

/** A BCP 47 tag (`en`, `en-GB`, `pt-BR`, `zh-Hant-TW`) whose primary language is known. */
export const languageTag = z.string().superRefine((tag, ctx) => {
  const problem = languageTagProblem(tag);
  if (!problem) return;
  ctx.addIssue({
    code: 'custom',
    message:
      problem === 'malformed'
        ? `"${tag}" is not a BCP 47 language tag (write a language such as "en" or a language and region such as "en-GB")`
        : `"${tag.split('-')[0]}" in "${tag}" is not a known ISO 639 language (write a language such as "en", "de" or "fr")`,
  });
}).meta({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' });

/** A two-letter ISO 639-1 code, where an API takes only that (Merchant API contentLanguage). */
export const twoLetterLanguage = languageTag.refine((tag) => /^[a-z]{2}$/.test(tag), 'a two-letter ISO 639-1 code such as "en"').meta({ pattern: '^[a-z]{2}$' });
