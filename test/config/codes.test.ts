import { describe, expect, it } from 'vitest';
import { countryCode, currencyCode, languageTag, twoLetterLanguage } from '../../src/config/codes/code-schemas.js';
import { languageTagProblem } from '../../src/config/codes/language-tag.js';
import { COUNTRY_CODES, countryCodeFor, isCountryCode } from '../../src/product/country-codes.js';
import { parseShipping } from '../../src/product/shipping.js';
import { isCurrencyCode } from '../../src/product/currency-codes.js';
import { localCurrencies } from '../../src/config/codes/local-currency.js';
import microsoft from '../../src/channels/microsoft/index.js';

const message = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => r.error?.issues[0]?.message;

describe('ISO 3166-1 alpha-2 country codes', () => {
  it('holds the 249 assigned codes and refuses reserved or invented ones', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    for (const c of ['US', 'GB', 'DE', 'AT', 'AX', 'SS', 'ZW']) expect(isCountryCode(c)).toBe(true);
    for (const c of ['UK', 'EL', 'XX', 'EU', 'us']) expect(isCountryCode(c)).toBe(false);
  });

  it('says which code was meant for UK and EL, and nothing for XX', () => {
    expect(countryCodeFor('UK')).toBe('GB');
    expect(countryCodeFor('el')).toBe('GR');
    expect(countryCodeFor('XX')).toBeUndefined();
    expect(message(countryCode.safeParse('UK'))).toBe('"UK" is not an ISO 3166-1 alpha-2 country code; did you mean GB? (write GB)');
    expect(message(countryCode.safeParse('XX'))).toBe('"XX" is not an ISO 3166-1 alpha-2 country code (write an assigned code such as "US", "GB" or "DE")');
    expect(countryCode.safeParse('GB').success).toBe(true);
  });

  it("refuses a catalog shipping entry's unknown country, with the code meant", () => {
    const uk = parseShipping('UK::Standard:4.95 GBP', { currency: 'GBP' });
    expect(uk).toMatchObject({ ok: false, code: 'country', fix: 'Did you mean GB? Write GB::Standard:4.95 GBP.' });
    expect(parseShipping('GB::Standard:4.95 GBP', { currency: 'GBP' })).toMatchObject({ ok: true });
  });
});

describe('ISO 4217 currency codes in the config', () => {
  it('takes the list of src/product/currency-codes.ts and says how to fix a lower-case one', () => {
    expect(currencyCode.safeParse('EUR').success).toBe(true);
    expect(message(currencyCode.safeParse('eur'))).toBe('"eur" is not an ISO 4217 currency code; write it in upper case: EUR');
    expect(message(currencyCode.safeParse('XYZ'))).toBe('"XYZ" is not an ISO 4217 currency code (write an upper-case code such as "USD", "EUR" or "GBP")');
    expect(currencyCode.safeParse('XAU').success).toBe(false);
  });
});

describe('BCP 47 language tags', () => {
  it('accepts well-formed tags whose primary language is known', () => {
    for (const t of ['en', 'en-GB', 'pt-BR', 'zh-Hant-TW', 'es-419', 'de-CH-1996', 'fil', 'sr-Latn']) expect(languageTagProblem(t)).toBeUndefined();
  });

  it('refuses malformed tags and unknown primary languages, saying which', () => {
    for (const t of ['english', 'en_US', 'e', 'en-', '-en', 'en--GB', 'en-GB-']) expect(languageTagProblem(t)).toBe('malformed');
    for (const t of ['xx', 'qq-US', 'zzz']) expect(languageTagProblem(t)).toBe('unknown_language');
    expect(message(languageTag.safeParse('en_US'))).toBe('"en_US" is not a BCP 47 language tag (write a language such as "en" or a language and region such as "en-GB")');
    expect(message(languageTag.safeParse('xx-US'))).toBe('"xx" in "xx-US" is not a known ISO 639 language (write a language such as "en", "de" or "fr")');
  });

  it('keeps the Merchant API content language to two letters', () => {
    expect(twoLetterLanguage.safeParse('de').success).toBe(true);
    expect(twoLetterLanguage.safeParse('de-AT').success).toBe(false);
    expect(twoLetterLanguage.safeParse('xx').success).toBe(false);
  });
});

describe('local currencies', () => {
  it('gives each listed country its ISO 4217 currency or currencies', () => {
    expect(localCurrencies(['DE', 'GB', 'BG', 'PA', 'LI'])).toEqual({ DE: ['EUR'], GB: ['GBP'], BG: ['EUR'], PA: ['PAB', 'USD'], LI: ['CHF'] });
    // Every country Microsoft lists is an assigned ISO 3166-1 code with current ISO 4217 currencies.
    const markets = Object.entries(microsoft.marketCurrencies ?? {});
    expect(markets).toHaveLength(94);
    for (const [country, codes] of markets) {
      expect(isCountryCode(country), country).toBe(true);
      for (const c of codes) expect(isCurrencyCode(c), `${country} ${c}`).toBe(true);
    }
  });
  it('refuses a country it does not list, so a channel cannot name one by mistake', () => {
    expect(() => localCurrencies(['XK'])).toThrow('no local currency listed for XK');
  });
});
