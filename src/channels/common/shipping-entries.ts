import { formatMoney } from '../../product/money-format.js';
import type { Product } from '../../product/product.js';
import type { ItemIssues } from './item-issues.js';

/**
 * The product's shipping rows as Google-style sub-attributes `{country, region, service, price}`,
 * in that order and with empty strings for absent parts, so that a tabular cell reads
 * `US:CA:Ground:4.95 USD` and XML writes only the parts present. Rows without a price, or priced
 * in another currency than `currency` (the feed's), are dropped with a `<channel>.shipping.<problem>`
 * warning: channels reject them, and shipping is optional.
 */
export function shippingEntries(product: Product, currency: string | undefined, out: ItemIssues): Array<Record<string, string>> | undefined {
  const rows: Array<Record<string, string>> = [];
  for (const s of product.shipping) {
    if (!s.price) {
      out.warn('shipping', 'missing_price', 'A shipping row has no price; it was left out.');
      continue;
    }
    if (currency && s.price.currency !== currency) {
      out.warn('shipping', 'currency_mismatch', `A shipping row is priced in ${s.price.currency}, the feed in ${currency}; it was left out.`);
      continue;
    }
    // Google's text syntax has one place for the region or the postal code; XML names which it is.
    const area: Record<string, string> = s.postal_code && !s.region ? { postal_code: s.postal_code } : { region: s.region ?? '' };
    rows.push({ country: s.country ?? '', ...area, service: s.service ?? '', price: formatMoney(s.price) });
  }
  return rows.length ? rows : undefined;
}
