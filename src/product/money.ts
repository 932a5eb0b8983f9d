import { currenciesOfSymbol, isCurrencyCode } from './currency-codes.js';
import { minorDigits } from './currencies.js';
import { numberLocale, type NumberLocale } from './number-locale.js';
import { accept, refuse, type Parsed, type Refusal } from './parse-result.js';
import type { Money } from './product.js';

export interface PriceOptions {
  /** Number locale of the catalog (`de-DE` reads `1.234,56`); default `en-US`. */
  locale?: string;
  /** ISO 4217 currency for prices written without one; default none (such prices are refused). */
  currency?: string;
}

// Integer minor units stay exact below 2^53: 15 digits leaves room for any currency's decimals.
const MAX_DIGITS = 15;
const CODE = /^[A-Za-z]{3}$/;

/**
 * Parses a price strictly into integer minor units: `12.99`, `12.99 USD`, `USD 12.99`, `$12.99`
 * (with a declared currency `$` can denote), and the declared locale's separators (`1.234,56 €`
 * in de-DE). Refuses negatives, exponents, ambiguous separators, unknown currencies and decimals
 * the currency does not have (`12.999 USD`; trailing zeros such as `1500.00 JPY` lose nothing and
 * are accepted). Integer arithmetic only.
 */
export function parsePrice(text: string, options: PriceOptions = {}): Parsed<Money> {
  const nl = numberLocale(options.locale ?? 'en-US');
  const s = text.trim();
  if (s === '') return refuse('empty', 'the price is empty', 'Write a price such as 12.99 USD, or leave the column empty.');
  let first = -1;
  let last = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return notAPrice(nl);
  let token = '';
  if (first > 0 || last < s.length - 1) {
    const prefix = s.slice(0, first).trim();
    const suffix = s.slice(last + 1).trim();
    if (prefix.includes('-') || prefix.includes('\u2212')) {
      return refuse('negative', 'a price cannot be negative', 'Write the price without a minus sign.');
    }
    if (prefix !== '' && suffix !== '') return notAPrice(nl);
    token = prefix || suffix;
  }
  const currency = token === '' ? declared(options) : resolveToken(token, options);
  if (typeof currency !== 'string') {
    // A malformed number (`1E3`) is the more useful complaint than its missing currency.
    const shape = scanAmount(s, first, last + 1, nl, 'USD');
    return typeof shape !== 'number' && (shape.code === 'invalid' || shape.code === 'ambiguous') ? shape : currency;
  }
  const amount = scanAmount(s, first, last + 1, nl, currency);
  return typeof amount === 'number' ? accept({ amount, currency }) : amount;
}

function declared(options: PriceOptions): string | Refusal {
  if (options.currency) return options.currency;
  return refuse(
    'currency_missing',
    'the price has no currency and the catalog declares none',
    'Write the currency after the amount (12.99 USD), or set catalog.currency in shelfcast.yaml.',
  );
}

function resolveToken(token: string, options: PriceOptions): string | Refusal {
  if (CODE.test(token)) {
    const code = token.toUpperCase();
    if (isCurrencyCode(code)) return code;
    return refuse('currency_unknown', `${JSON.stringify(token)} is not an ISO 4217 currency code`, 'Use a code such as USD, EUR or GBP.');
  }
  const candidates = currenciesOfSymbol(token);
  if (!candidates) return notAPrice(numberLocale(options.locale ?? 'en-US'));
  if (options.currency) {
    if (candidates.includes(options.currency)) return options.currency;
    return refuse(
      'currency_mismatch',
      `the symbol ${JSON.stringify(token)} does not denote the catalog currency ${options.currency}`,
      `Write the ISO code after the amount (12.99 ${candidates[0]}), or correct catalog.currency.`,
    );
  }
  if (candidates.length === 1) return candidates[0];
  return refuse(
    'currency_ambiguous',
    `the symbol ${JSON.stringify(token)} can mean ${candidates.slice(0, 4).join(', ')}...`,
    'Write the ISO code after the amount (12.99 USD), or set catalog.currency in shelfcast.yaml.',
  );
}

/**
 * Reads s[from, to) (first to last digit) as an amount in `currency` minor units. Thousands
 * separators must sit where the locale puts them, so `12,99` in en-US and `12.99` in de-DE are
 * refused instead of silently read as 1299.00.
 */
function scanAmount(s: string, from: number, to: number, nl: NumberLocale, currency: string): number | Refusal {
  const digits = minorDigits(currency);
  let amount = 0;
  let intDigits = 0;
  let fracDigits = 0;
  let inFraction = false;
  let groups = 0;
  let groupLen = 0;
  let lost = false;
  for (let i = from; i < to; i++) {
    const ch = s[i];
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      if (!inFraction) {
        if (amount > 0 || c !== 48) intDigits++;
        amount = amount * 10 + (c - 48);
        groupLen++;
      } else {
        fracDigits++;
        if (fracDigits <= digits) amount = amount * 10 + (c - 48);
        else if (c !== 48) lost = true; // reported after the scan: a misplaced separator explains more
      }
    } else if (ch === nl.decimal) {
      if (inFraction || (groups > 0 && groupLen !== 3)) return ambiguous(nl);
      inFraction = true;
    } else if (nl.groups.includes(ch)) {
      if (inFraction || groupLen === 0 || groupLen > (groups === 0 ? nl.groupSize : 3)) return ambiguous(nl);
      if (groups > 0 && groupLen !== nl.groupSize) return ambiguous(nl);
      groups++;
      groupLen = 0;
    } else if (ch === '.' || ch === ',') {
      return ambiguous(nl);
    } else {
      return notAPrice(nl);
    }
  }
  if (!inFraction && groups > 0 && groupLen !== 3) return ambiguous(nl);
  if (lost) return tooManyDecimals(currency, digits);
  if (intDigits + digits > MAX_DIGITS) {
    return refuse('too_large', 'the amount is too large', 'Check the value: prices need fewer than 13 digits before the decimal separator.');
  }
  for (let f = fracDigits; f < digits; f++) amount *= 10;
  return amount;
}

const notAPrice = (nl: NumberLocale): Refusal =>
  refuse(
    'invalid',
    'not a price',
    `Write a non-negative amount with an optional ISO currency code, such as 12${nl.decimal}99 or ${nl.example} USD.`,
  );

const ambiguous = (nl: NumberLocale): Refusal =>
  refuse(
    'ambiguous',
    `its separators do not fit the catalog locale ${nl.locale}, which writes ${nl.example}`,
    `Write the price as ${nl.locale} does (${nl.example}), or set catalog.locale to the catalog's locale (en-US: 1,234.56; de-DE: 1.234,56).`,
  );

const tooManyDecimals = (currency: string, digits: number): Refusal =>
  refuse(
    'too_many_decimals',
    `more decimals than ${currency} has (${digits})`,
    `Round the price to ${digits} decimal${digits === 1 ? '' : 's'}.`,
  );
