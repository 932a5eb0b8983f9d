import { formatAmount, formatMoney } from '../../product/money-format.js';
import { LIST_FIELDS, MONEY_FIELDS, PRODUCT_FIELDS, type Money, type Product, type Shipping } from '../../product/product.js';

/** How a money field is written: `15.00 USD` (money), `15.00` (amount) or `USD` (currency). */
export type MoneyFormat = 'money' | 'amount' | 'currency';

/** Every canonical field a generic column may read, besides `extra.<source column>`. */
export const CANONICAL_FIELDS: readonly string[] = PRODUCT_FIELDS;

/** Prefix of fields that read a source column the mapping did not consume. */
export const EXTRA_PREFIX = 'extra.';

export const isMoneyField = (field: string): boolean => (MONEY_FIELDS as readonly string[]).includes(field);
export const isListField = (field: string): boolean => (LIST_FIELDS as readonly string[]).includes(field);
export const isKnownField = (field: string): boolean =>
  CANONICAL_FIELDS.includes(field) || (field.startsWith(EXTRA_PREFIX) && field.length > EXTRA_PREFIX.length);

const renderMoney = (m: Money, format: MoneyFormat): string =>
  format === 'amount' ? formatAmount(m) : format === 'currency' ? m.currency : formatMoney(m);

/** Google's `country:region:service:price` notation, the one most channels read. */
export const renderShipping = (s: Shipping): string =>
  [s.country ?? '', s.region ?? '', s.service ?? '', s.price ? formatMoney(s.price) : ''].join(':');

/**
 * The value of one canonical field as text (or a list for list fields); undefined when the product
 * has none. `field` must satisfy isKnownField.
 */
export function readField(product: Product, field: string, money: MoneyFormat = 'money'): string | string[] | undefined {
  if (field.startsWith(EXTRA_PREFIX)) return product.extra[field.slice(EXTRA_PREFIX.length)] || undefined;
  if (field === 'price' || field === 'sale_price') {
    const m = product[field];
    return m ? renderMoney(m, money) : undefined;
  }
  if (field === 'additional_image_link') return product.additional_image_link.length ? [...product.additional_image_link] : undefined;
  if (field === 'shipping') return product.shipping.length ? product.shipping.map(renderShipping) : undefined;
  if (field === 'identifier_exists') return product.identifier_exists === undefined ? undefined : product.identifier_exists ? 'yes' : 'no';
  const value = (product as unknown as Record<string, unknown>)[field];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}
