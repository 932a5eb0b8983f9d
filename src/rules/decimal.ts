import { minorDigits } from '../product/currencies.js';
import type { Money } from '../product/product.js';

/**
 * An exact decimal number `units / 10^scale`, optionally an amount of a currency. Rules compare
 * prices and thresholds with these (BigInt cross-multiplication), never with floats.
 */
export interface Decimal {
  units: bigint;
  scale: number;
  /** ISO 4217 code when the value is an amount of money. */
  currency?: string;
}

const NUMBER = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const WITH_CODE = /^(?:([A-Z]{3})\s*)?([+-]?\d+(?:\.\d+)?)(?:\s*([A-Z]{3}))?$/;

/** `12`, `-3.5`, `19.99 USD`, `USD 19.99`, or a YAML number; undefined for anything else. */
export function parseDecimal(input: string | number): Decimal | undefined {
  const text = typeof input === 'number' ? numberText(input) : input.trim();
  if (text === undefined) return undefined;
  const m = WITH_CODE.exec(text);
  if (!m || (m[1] && m[3])) return undefined;
  const n = NUMBER.exec(m[2]!)!;
  const frac = n[3] ?? '';
  const units = BigInt(`${n[1] === '-' ? '-' : ''}${n[2]}${frac}`);
  const currency = m[1] ?? m[3];
  return currency ? { units, scale: frac.length, currency } : { units, scale: frac.length };
}

// YAML numbers arrive as floats; their shortest decimal text is what the user wrote (19.99).
function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = String(n);
  return /e/i.test(s) ? undefined : s;
}

export const moneyDecimal = (m: Money): Decimal => ({ units: BigInt(m.amount), scale: minorDigits(m.currency), currency: m.currency });

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** -1, 0 or 1 as a is less than, equal to or greater than b (currencies are not looked at). */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * pow10(scale - a.scale);
  const y = b.units * pow10(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The amount in minor units of `currency`, or undefined when it has more decimals than the
 * currency has (19.999 USD) or is too large to stay exact as a number.
 */
export function toMinorUnits(d: Decimal, currency: string): number | undefined {
  const digits = minorDigits(currency);
  let units = d.units;
  if (d.scale > digits) {
    const f = pow10(d.scale - digits);
    if (units % f !== 0n) return undefined;
    units /= f;
  } else units *= pow10(digits - d.scale);
  const n = Number(units);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Money times an exact decimal rate, rounded half away from zero to the target's minor units. */
export function convertMoney(m: Money, rate: Decimal, to: string): Money | undefined {
  // amount * rate, rescaled from (source digits + rate scale) to the target's digits.
  const shift = minorDigits(m.currency) + rate.scale - minorDigits(to);
  let n = BigInt(m.amount) * rate.units;
  if (shift > 0) {
    const f = pow10(shift);
    const q = n / f;
    const r = n % f;
    n = q + (2n * (r < 0n ? -r : r) >= f ? (n < 0n ? -1n : 1n) : 0n);
  } else n *= pow10(-shift);
  const amount = Number(n);
  return Number.isSafeInteger(amount) ? { amount, currency: to } : undefined;
}
