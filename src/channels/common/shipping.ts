import { formatMoney } from '../../product/money-format.js';
import type { Product } from '../../product/product.js';
import type { ItemIssues } from './item-issues.js';

export interface ShippingOptions {
  /** Append `min_handling_time:max_handling_time:min_transit_time:max_transit_time` when given (Google, Microsoft, Meta); default true. */
  times?: boolean;
}

/**
 * Google-style shipping entries. Key order is the text-feed order
 * `country:region|postal_code:service:price[:min_handling:max_handling:min_transit:max_transit]`;
 * empty positions stay as empty strings (text feeds need them, XML leaves them out). Google's text
 * syntax has one place for the region or the postal code; XML names which it is. Rows without a
 * price (`<channel>.shipping.missing_price`) or priced in another currency than the feed
 * (`<channel>.shipping.currency_mismatch`) are dropped with a warning: channels reject them, and
 * shipping is optional.
 */
export function shippingEntries(product: Product, currency: string | undefined, out: ItemIssues, opts: ShippingOptions = {}): Array<Record<string, string>> {
  const entries: Array<Record<string, string>> = [];
  for (const s of product.shipping) {
    if (!s.price) {
      out.warn('shipping', 'missing_price', 'A shipping row has no price; it was left out.');
      continue;
    }
    if (currency && s.price.currency !== currency) {
      out.warn('shipping', 'currency_mismatch', `A shipping row is priced in ${s.price.currency}, the feed in ${currency}; it was left out.`);
      continue;
    }
    const entry: Record<string, string> = { country: s.country ?? '' };
    if (s.postal_code && !s.region) entry.postal_code = s.postal_code;
    else entry.region = s.region ?? '';
    entry.service = s.service ?? '';
    entry.price = formatMoney(s.price);
    const times = [s.min_handling_time, s.max_handling_time, s.min_transit_time, s.max_transit_time];
    if (opts.times !== false && times.some((t) => t !== undefined)) {
      const [a, b, c, d] = times.map((t) => (t === undefined ? '' : String(t)));
      Object.assign(entry, { min_handling_time: a, max_handling_time: b, min_transit_time: c, max_transit_time: d });
    }
    entries.push(entry);
  }
  return entries;
}
