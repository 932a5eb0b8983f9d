import { formatMoney } from '../../product/money-format.js';
import { parsePrice, type PriceOptions } from '../../product/money.js';
import { numberLocale } from '../../product/number-locale.js';

/** The fields holding one price each: what a source's own locale and currency change. */
const PRICE_FIELDS = new Set(['price', 'sale_price']);

/**
 * For a source written in another number locale or currency than the catalog (a price list from
 * another system): rewrites its prices the way the catalog writes them, so the join hands the
 * validator values it reads in the catalog's locale. `undefined` when the source reads as the
 * catalog does. A price that does not parse stays as it is: the validator reports it on the item.
 */
export function sourcePriceConverter(source: PriceOptions, catalog: PriceOptions): ((field: string, value: string) => string) | undefined {
  const from = { locale: source.locale ?? catalog.locale ?? 'en-US', currency: source.currency ?? catalog.currency };
  if (from.locale === (catalog.locale ?? 'en-US') && from.currency === catalog.currency) return undefined;
  const decimal = numberLocale(catalog.locale ?? 'en-US').decimal;
  return (field, value) => {
    if (!PRICE_FIELDS.has(field)) return value;
    const parsed = parsePrice(value, from);
    // formatMoney writes no grouping and `.` for decimals; the catalog's locale may use `,`.
    return parsed.ok ? formatMoney(parsed.value).replace('.', decimal) : value;
  };
}
