import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MappedRow } from '../../src/catalog/types.js';
import { minorDigits } from '../../src/product/currencies.js';
import { formatAmount, formatMoney } from '../../src/product/money-format.js';
import { parsePrice } from '../../src/product/money.js';
import { TEXT_FIELDS } from '../../src/product/product.js';
import { productSchema } from '../../src/product/product-schema.js';
import { createValidator } from '../../src/product/validate.js';

const FIELDS = [
  ...TEXT_FIELDS,
  'id',
  'link',
  'mobile_link',
  'image_link',
  'additional_image_link',
  'price',
  'sale_price',
  'sale_price_effective_date',
  'availability',
  'availability_date',
  'quantity',
  'gtin',
  'identifier_exists',
  'condition',
  'shipping',
  'unknown_field',
  '__proto__',
  'constructor',
];

// Pieces of plausible values, so that random rows also reach the deeper branches of each parser.
const fragment = fc.constantFrom(
  '12', '.', ',', ' ', '-', 'USD', 'EUR', 'JPY', '$', '€', ':', '/', 'https://', 'a.example', '/x.jpg', 'US', 'CA',
  '2025-03-01', 'T10:00', '+01:00', 'in stock', 'new', '4006381333931', '\u0000', '\ud800', '\u00a0', 'e', '0',
);
const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')),
);

describe('properties', () => {
  it('validate never throws on any mapped row of arbitrary strings', () => {
    for (const options of [{}, { locale: 'de-DE', currency: 'EUR' }, { locale: 'fr-FR' }, { currency: 'JPY' }]) {
      const validator = createValidator(options);
      fc.assert(
        fc.property(
          fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 12 }),
          fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
          fc.integer({ min: 1, max: 1_000_000 }),
          (fields, extra, rowNumber) => {
            const mapped: MappedRow = { row: rowNumber, fields, extra };
            const out = validator.validate(mapped);
            expect(Array.isArray(out.issues)).toBe(true);
            for (const i of out.issues) {
              expect(i.code).toMatch(/^[a-z_]+\.[a-z_]+$/);
              expect(i.row).toBe(rowNumber);
              expect(i.message.length).toBeGreaterThan(0);
            }
            const failed = out.issues.some((i) => i.severity === 'error');
            expect(out.item === undefined).toBe(failed);
            if (out.item) {
              expect(out.item.product.id.length).toBeGreaterThan(0);
              expect(out.item.product.title.length).toBeGreaterThan(0);
              const check = productSchema.safeParse(out.item.product);
              expect(check.error?.issues ?? []).toEqual([]);
            }
          },
        ),
        { numRuns: 1000 },
      );
      expect(() => validator.finish()).not.toThrow();
    }
  });

  const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'KWD', 'CHF', 'INR', 'BRL'];
  const money = fc.record({
    amount: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 999_999_999_999 })),
    currency: fc.constantFrom(...CURRENCIES),
  });

  it('parsePrice(formatMoney(m)) and parsePrice(formatAmount(m)) give m back', () => {
    fc.assert(
      fc.property(money, (m) => {
        expect(parsePrice(formatMoney(m))).toEqual({ ok: true, value: m });
        expect(parsePrice(formatAmount(m), { currency: m.currency })).toEqual({ ok: true, value: m });
        expect(parsePrice(`${m.currency} ${formatAmount(m)}`, { locale: 'en-US' })).toEqual({ ok: true, value: m });
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips amounts as each locale writes them (Intl, exact decimal strings)', () => {
    const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'nl-NL', 'pt-BR', 'de-CH', 'en-IN', 'sv-SE', 'pl-PL'];
    fc.assert(
      fc.property(money, fc.constantFrom(...LOCALES), fc.boolean(), (m, locale, grouped) => {
        const digits = minorDigits(m.currency);
        const written = new Intl.NumberFormat(locale, {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
          useGrouping: grouped,
          numberingSystem: 'latn',
        }).format(formatAmount(m) as unknown as number);
        expect(parsePrice(`${written} ${m.currency}`, { locale })).toEqual({ ok: true, value: m });
        expect(parsePrice(written, { locale, currency: m.currency })).toEqual({ ok: true, value: m });
      }),
      { numRuns: 2000 },
    );
  });
});
