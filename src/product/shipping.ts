import { parsePrice, type PriceOptions } from './money.js';
import { accept, refuse, type Parsed } from './parse-result.js';
import type { Shipping } from './product.js';
import { countryCodeFor, isCountryCode } from './country-codes.js';

/**
 * Entries are separated by a comma that starts a new `CC:` country prefix, so the decimal comma
 * of `DE::Standard:4,95 EUR` never splits an entry.
 */
const ENTRY_SEPARATOR = /,\s*(?=[A-Za-z]{2}:)/;
const COUNTRY = /^[A-Za-z]{2}$/;
const WHOLE = /^\d{1,3}$/;
const DIGIT = /\d/;
const TRAILING_COMMAS = /[,\s]+$/;
const FORMAT = 'Write country:region:service:price, such as US:CA:Overnight:16.00 USD (region and service may be empty: DE::Standard:4.95 EUR), optionally followed by :min_handling:max_handling:min_transit:max_transit days; separate several with commas.';

/**
 * Google's text form of the shipping attribute: `country:region:service:price`, optionally with
 * `:min_handling:max_handling:min_transit:max_transit` (days). A region holding a digit is a
 * postal code (`80302`, `80*`). Prices read with the catalog's locale and currency.
 */
export function parseShipping(text: string, prices: PriceOptions): Parsed<Shipping[]> {
  const entries = text.includes(',') ? text.replace(TRAILING_COMMAS, '').split(ENTRY_SEPARATOR) : [text];
  const result: Shipping[] = [];
  for (const entry of entries) {
    const parts = entry.trim().split(':');
    if (parts.length !== 4 && parts.length !== 8) {
      return refuse('invalid', `${JSON.stringify(entry.trim())} has ${parts.length} parts, not 4 or 8`, FORMAT);
    }
    const [country, region, service, priceText] = parts;
    if (!COUNTRY.test(country)) return refuse('country', `${JSON.stringify(country)} is not a two-letter country code`, FORMAT);
    if (!isCountryCode(country.toUpperCase())) {
      const meant = countryCodeFor(country);
      const fix = meant ? `Did you mean ${meant}? Write ${meant}:${region}:${service}:${priceText}.` : `Write an assigned ISO 3166-1 alpha-2 code such as US, GB or DE. ${FORMAT}`;
      return refuse('country', `${JSON.stringify(country)} is not an ISO 3166-1 country code`, fix);
    }
    const shipping: Shipping = { country: country.toUpperCase() };
    const place = region.trim();
    if (place !== '') {
      if (DIGIT.test(place)) shipping.postal_code = place;
      else shipping.region = place;
    }
    if (service.trim() !== '') shipping.service = service.trim();
    const price = parsePrice(priceText, prices);
    if (!price.ok) return refuse('price', `price ${JSON.stringify(priceText.trim())}: ${price.reason}`, price.fix);
    shipping.price = price.value;
    if (parts.length === 8) {
      const days = parts.slice(4).map((p) => p.trim());
      if (!days.every((d) => WHOLE.test(d))) return refuse('days', 'handling and transit times are whole days', FORMAT);
      const [minH, maxH, minT, maxT] = days.map(Number);
      if (minH > maxH || minT > maxT) return refuse('days', 'a minimum time is above its maximum', FORMAT);
      shipping.min_handling_time = minH;
      shipping.max_handling_time = maxH;
      shipping.min_transit_time = minT;
      shipping.max_transit_time = maxT;
    }
    result.push(shipping);
  }
  return accept(result);
}
