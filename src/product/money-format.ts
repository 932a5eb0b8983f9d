import { minorDigits } from './currencies.js';
import type { Money } from './product.js';

/** `15.00` for {1500, USD}; `1500` for {1500, JPY}. Exact: integer arithmetic only. */
export function formatAmount(m: Money): string {
  const digits = minorDigits(m.currency);
  const negative = m.amount < 0;
  const abs = String(Math.abs(m.amount)).padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, abs.length - digits);
  const frac = digits === 0 ? '' : `.${abs.slice(abs.length - digits)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** `15.00 USD`: Google's and most channels' price format. */
export const formatMoney = (m: Money): string => `${formatAmount(m)} ${m.currency}`;
