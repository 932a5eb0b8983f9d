import { minorDigits } from './currencies.js';
import type { Money } from './product.js';

/** Below this, cents are split off a 2-digit amount with integer arithmetic that stays exact. */
const FAST_LIMIT = 1e12;

/** `15.00` for {1500, USD}; `1500` for {1500, JPY}. Exact: integer arithmetic only. */
export function formatAmount(m: Money): string {
  const digits = minorDigits(m.currency);
  if (digits === 2 && m.amount > -FAST_LIMIT && m.amount < FAST_LIMIT && Number.isInteger(m.amount)) {
    // Most prices: no padded string to cut (one price per item and feed makes this show).
    const abs = Math.abs(m.amount);
    const cents = abs % 100;
    return `${m.amount < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
  }
  const negative = m.amount < 0;
  const abs = String(Math.abs(m.amount)).padStart(digits + 1, '0');
  const whole = digits === 0 ? abs : abs.slice(0, abs.length - digits);
  const frac = digits === 0 ? '' : `.${abs.slice(abs.length - digits)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** `15.00 USD`: Google's and most channels' price format. */
export const formatMoney = (m: Money): string => `${formatAmount(m)} ${m.currency}`;
