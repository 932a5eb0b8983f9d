/**
 * Minor-unit digits of ISO 4217 currencies that differ from 2. Every other valid code has 2.
 * (ISO 4217 amendment list; only the codes a shop plausibly prices in.)
 */
const DIGITS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** Number of decimals of the currency's minor unit (JPY 0, USD 2, KWD 3). */
export const minorDigits = (currency: string): number => DIGITS[currency] ?? 2;
