import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryCodeProblem, isCountryCode } from '../../src/product/country-codes.js';
import { languageCodeProblem, languageTagProblem } from '../../src/product/language-tags.js';
import { countryCode, currencyCode, languageTag } from '../../src/config/code-schemas.js';

describe('ISO 3166-1 alpha-2 countries', () => {
  it('holds the 249 assigned codes and nothing reserved', () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    for (const c of ['US', 'GB', 'DE', 'AT', 'CH', 'JP', 'AX', 'SS', 'CW']) expect(isCountryCode(c)).toBe(true);
    for (const c of ['UK', 'EL', 'XX', 'EU', 'XK', 'us', 'USA']) expect(isCountryCode(c)).toBe(false);
  });

  it('says which code was meant', () => {
    expect(countryCodeProblem('GB')).toBeUndefined();
    expect(countryCodeProblem('UK')).toBe('"UK" is not an ISO 3166-1 alpha-2 country code: did you mean GB?');
    expect(countryCodeProblem('EL')).toMatch(/did you mean GR\?/);
    expect(countryCodeProblem('de')).toMatch(/did you mean DE\?/);
    expect(countryCodeProblem('XX')).toBe('"XX" is not an ISO 3166-1 alpha-2 country code (write an assigned code such as "US", "GB" or "DE")');
  });
});

describe('BCP 47 language tags', () => {
  it('accepts well-formed tags with a known primary language', () => {
    for (const t of ['en', 'de', 'en-US', 'pt-BR', 'zh-Hant-TW', 'fil', 'es-419', 'sr-Latn']) expect(languageTagProblem(t)).toBeUndefined();
  });

  it('refuses malformed tags, unknown languages and non-canonical spellings, with the fix', () => {
    expect(languageTagProblem('en_US')).toBe('"en_US" is not written as BCP 47 spells it: did you mean en-US?');
    expect(languageTagProblem('EN-us')).toMatch(/did you mean en-US\?/);
    expect(languageTagProblem('xx')).toMatch(/"xx" is not a known language subtag/);
    expect(languageTagProblem('qq-US')).toMatch(/"qq" is not a known language subtag/);
    expect(languageTagProblem('english')).toMatch(/"english" is not a known language subtag/);
    expect(languageTagProblem('en--US')).toMatch(/is not a BCP 47 language tag/);
  });

  it('checks two-letter ISO 639-1 codes for APIs that take only those', () => {
    expect(languageCodeProblem('de')).toBeUndefined();
    expect(languageCodeProblem('en-US')).toBe('"en-US" is not a two-letter ISO 639-1 language code: did you mean en?');
    expect(languageCodeProblem('xx')).toMatch(/not a known ISO 639-1 language code/);
  });
});

describe('config code schemas', () => {
  it('turn each problem into the issue message', () => {
    expect(countryCode.safeParse('US').success).toBe(true);
    expect(countryCode.safeParse('UK').error?.issues[0]?.message).toMatch(/did you mean GB\?/);
    expect(currencyCode.safeParse('EUR').success).toBe(true);
    expect(currencyCode.safeParse('eur').error?.issues[0]?.message).toBe('"eur" is not an ISO 4217 currency code: did you mean EUR?');
    expect(currencyCode.safeParse('EUX').error?.issues[0]?.message).toMatch(/"EUX" is not an ISO 4217 currency code \(write one such as "USD"/);
    // Fund and test codes are in ISO 4217 but no buyer pays with them (src/product/currency-codes.ts).
    expect(currencyCode.safeParse('XTS').success).toBe(false);
    expect(languageTag.safeParse('de-AT').success).toBe(true);
  });
});
