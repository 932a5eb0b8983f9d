import { feedInterval, type FeedDateStyle } from '../../product/feed-dates.js';
import { minorDigits } from '../../product/currencies.js';
import { formatMoney } from '../../product/money-format.js';
import type { Money, Product } from '../../product/product.js';
import type { FeedTarget } from '../define-channel.js';
import type { ItemIssues } from './item-issues.js';

const AMOUNT = /^(?:[A-Z]{3}\s*)?(-?[\d.,]+)(?:\s*[A-Z]{3})?$/;

/**
 * A decimal amount from a catalog cell (`12.99`, `12,99`, `1,299.00`, `12.99 EUR`) in minor units of
 * `currency`, exactly (no float arithmetic). When both `.` and `,` occur, the last one is the decimal
 * mark. Undefined when it is not a number or has more decimals than the currency.
 */
export function parseAmount(text: string, currency: string): Money | undefined {
  const m = AMOUNT.exec(text.trim());
  if (!m) return undefined;
  const num = m[1]!;
  // Separators only between digits: `12..9`, `.5` and `12.` are not amounts.
  if (/[.,][.,]|^-?[.,]|[.,]$/.test(num)) return undefined;
  const mark = Math.max(num.lastIndexOf('.'), num.lastIndexOf(','));
  let whole = num;
  let frac = '';
  if (mark >= 0) {
    whole = num.slice(0, mark).replace(/[.,]/g, '');
    frac = num.slice(mark + 1);
    if (/[.,]/.test(frac)) return undefined;
  }
  const negative = whole.startsWith('-');
  if (negative) whole = whole.slice(1);
  const digits = minorDigits(currency);
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(frac) || frac.length > digits || whole + frac === '') return undefined;
  const amount = Number(whole || '0') * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(amount)) return undefined;
  return { amount: negative ? -amount : amount, currency };
}

const norm = (key: string): string => key.toLowerCase().replace(/[\s_-]+/g, '_');

/**
 * The catalog column holding `base` in `currency`: `price_EUR`, `price EUR`, `price-eur`
 * (case and separator insensitive), from the columns the mapping left in `product.extra`.
 */
export function currencyColumn(product: Product, base: 'price' | 'sale_price', currency: string): [string, string] | undefined {
  const want = norm(`${base}_${currency}`);
  for (const key in product.extra) if (norm(key) === want) return [key, product.extra[key]!];
  return undefined;
}

export interface FeedPrices {
  price: Money;
  sale_price?: Money;
  /** Kept only when a sale price is kept. */
  sale_price_effective_date?: string;
}

/**
 * The prices to publish in `feed`. The rule:
 * - no price -> error `<channel>.price.missing`;
 * - feed without currency, or the product priced in the feed's currency -> the product's prices;
 * - otherwise a `price_<CUR>` column (see currencyColumn) gives the price, and `sale_price_<CUR>`
 *   the sale price; without that column the item is excluded with `<channel>.currency.mismatch`,
 *   and a column that is not an amount gives `<channel>.price.invalid`;
 * - a sale price in another currency without its column, or not lower than the price, is dropped
 *   with a warning (channels reject such sale prices; the item stays at its regular price).
 * - the sale period is written in the channel's `dates` style (src/product/feed-dates.ts).
 * Returns undefined when the item must be excluded (the error is in `out`).
 */
export function priceForFeed(product: Product, feed: FeedTarget, out: ItemIssues, dates: FeedDateStyle = 'seconds'): FeedPrices | undefined {
  if (!product.price) {
    out.error('price', 'missing', `price is required by ${out.channel}; the item is left out of the feed.`, { fix: 'Fill in the price.' });
    return undefined;
  }
  const currency = feed.currency ?? product.price.currency;
  let price = product.price;
  let sale = product.sale_price;
  if (price.currency !== currency) {
    const column = currencyColumn(product, 'price', currency);
    if (!column) {
      out.error('currency', 'mismatch', `The item is priced in ${price.currency} but feed ${feed.id} is in ${currency}; it is left out.`, {
        field: 'price',
        fix: `Add a "price_${currency}" column, or set the feed's currency to ${price.currency}.`,
      });
      return undefined;
    }
    const parsed = parseAmount(column[1], currency);
    if (!parsed) {
      out.error('price', 'invalid', `Column "${column[0]}" holds "${column[1]}", which is not an amount in ${currency}.`, { fix: `Write the amount as 12.99.` });
      return undefined;
    }
    price = parsed;
    const saleColumn = currencyColumn(product, 'sale_price', currency);
    sale = saleColumn ? parseAmount(saleColumn[1], currency) : undefined;
    if (product.sale_price && !sale) {
      out.warn('sale_price', 'currency_mismatch', `The sale price is in ${product.sale_price.currency} and no usable "sale_price_${currency}" column exists; it was left out.`);
    }
  }
  if (sale && sale.currency !== currency) {
    out.warn('sale_price', 'currency_mismatch', `The sale price is in ${sale.currency}, the price in ${currency}; the sale price was left out.`);
    sale = undefined;
  }
  if (sale && sale.amount >= price.amount) {
    out.warn('sale_price', 'not_lower', `The sale price is not lower than the price; it was left out.`);
    sale = undefined;
  }
  if (!sale) return { price };
  const period = product.sale_price_effective_date && feedInterval(product.sale_price_effective_date, feed.timezone ?? 'UTC', dates);
  return period
    ? { price, sale_price: sale, sale_price_effective_date: period }
    : { price, sale_price: sale };
}

/**
 * Whether the sale of a `start/end` interval runs at `now`. Channels that take no sale dates
 * (idealo's CSV, eBay's offers) are sent the sale price only while it runs, so the feed decides.
 */
export function saleActive(interval: string | undefined, now: Date): boolean {
  if (!interval) return true;
  const [start, end] = interval.split('/');
  const t = now.getTime();
  if (start && Date.parse(start) > t) return false;
  if (end && Date.parse(end) <= t) return false;
  return true;
}

/** The prices of a channel without sale dates at `now`: the sale price only while its sale runs (saleActive). */
export function pricesAt(prices: FeedPrices, now: Date): FeedPrices {
  return prices.sale_price && !saleActive(prices.sale_price_effective_date, now) ? { price: prices.price } : prices;
}

/** formatMoney that remembers its last value, compared by amount and currency (never by identity). */
function lastMoneyText(): (m: Money) => string {
  let amount = NaN;
  let currency = '';
  let text = '';
  return (m) => {
    if (m.amount !== amount || m.currency !== currency) {
      text = formatMoney(m);
      amount = m.amount;
      currency = m.currency;
    }
    return text;
  };
}

/** Every feed formats the same product's price and sale price in turn; one memo each, so neither evicts the other. */
export const priceText = lastMoneyText();
export const salePriceText = lastMoneyText();
