import { formatMoney } from '../../product/money-format.js';
import type { Product } from '../../product/product.js';
import type { ItemIssues } from './item-issues.js';

/**
 * Google-style shipping entries. Key order is the text-feed order
 * `country:region|postal_code:service:price[:min_handling:max_handling:min_transit:max_transit]`;
 * empty positions stay as empty strings (text feeds need them, XML leaves them out). An entry whose
 * price is in another currency than the feed is dropped with `<channel>.shipping.currency_mismatch`.
 */
export function shippingEntries(product: Product, currency: string | undefined, out: ItemIssues): Array<Record<string, string>> {
  const entries: Array<Record<string, string>> = [];
  for (const s of product.shipping) {
    if (s.price && currency && s.price.currency !== currency) {
      out.warn('shipping', 'currency_mismatch', `A shipping price is in ${s.price.currency}, the feed in ${currency}; that shipping entry was left out.`);
      continue;
    }
    const entry: Record<string, string> = { country: s.country ?? '' };
    if (s.postal_code && !s.region) entry.postal_code = s.postal_code;
    else entry.region = s.region ?? '';
    entry.service = s.service ?? '';
    entry.price = s.price ? formatMoney(s.price) : '';
    const times = [s.min_handling_time, s.max_handling_time, s.min_transit_time, s.max_transit_time];
    if (times.some((t) => t !== undefined)) {
      const [a, b, c, d] = times.map((t) => (t === undefined ? '' : String(t)));
      Object.assign(entry, { min_handling_time: a, max_handling_time: b, min_transit_time: c, max_transit_time: d });
    }
    entries.push(entry);
  }
  return entries;
}
