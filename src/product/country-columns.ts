import { countryCodeFor, isCountryCode } from './country-codes.js';
import { report, type RowContext } from './field-rules.js';
import type { Product } from './product.js';

/**
 * Catalog columns that hold one country, kept in `extra` for the channels that read them: Amazon's
 * `country_of_origin` (a column named after the attribute), Google's `ships_from_country`, and a
 * plain `country`. Channels take ISO 3166-1 alpha-2 codes there.
 */
export const COUNTRY_COLUMNS = ['country', 'country_of_origin', 'ships_from_country'] as const;

/**
 * Checks the country columns of a row against the ISO 3166-1 list, not only as two letters: a code
 * in lower case is written in upper case; a code that is not assigned (`UK`, `XX`, `USA`) is left
 * out with a warning naming the code meant where there is one (`UK` -> GB), and the item stays:
 * a channel that requires the field says so for itself.
 */
export function checkCountryColumns(product: Product, ctx: RowContext): void {
  for (const column of COUNTRY_COLUMNS) {
    const raw = product.extra[column];
    if (raw === undefined || isCountryCode(raw)) continue;
    const code = raw.trim();
    const upper = code.toUpperCase();
    const extra = { ...product.extra };
    product.extra = extra;
    if (code === '') delete extra[column];
    else if (isCountryCode(upper)) extra[column] = upper;
    else {
      delete extra[column];
      const meant = countryCodeFor(code);
      report(
        ctx,
        'warning',
        `${column}.country_unknown`,
        column,
        `${column} ${JSON.stringify(code)} is not an ISO 3166-1 alpha-2 country code; the field is left out, the item stays`,
        meant ? `Did you mean ${meant}? Write ${meant} in the ${column} column` : `Write an assigned ISO 3166-1 alpha-2 code in the ${column} column, such as US, GB or DE`,
      );
    }
  }
}
