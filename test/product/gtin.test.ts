import { describe, expect, it } from 'vitest';
import { parseGtin } from '../../src/product/gtin.js';

const result = (text: string) => {
  const r = parseGtin(text);
  return r.ok ? r.value : r.code;
};

describe('parseGtin', () => {
  it.each([
    ['96385074', 'GTIN-8'],
    ['036000291452', 'GTIN-12 (UPC-A)'],
    ['4006381333931', 'GTIN-13 (EAN)'],
    ['9780306406157', 'ISBN-13'],
    ['00012345678905', 'GTIN-14 with leading zeros'],
    ['10012345678902', 'GTIN-14'],
    ['0012345678905', 'GTIN-13 with leading zeros'],
  ])('accepts %s (%s)', (gtin) => {
    expect(result(gtin)).toBe(gtin);
  });

  it('removes spaces and hyphens and keeps leading zeros', () => {
    expect(result('978-0-306-40615-7')).toBe('9780306406157');
    expect(result(' 4006381 333931 ')).toBe('4006381333931');
    expect(result('0 12345 67890 5')).toBe('012345678905');
  });

  it.each([
    ['4006381333932', 'check_digit'],
    ['036000291453', 'check_digit'],
    ['96385075', 'check_digit'],
    ['9780306406158', 'check_digit'],
    ['00012345678904', 'check_digit'],
    ['00000000', 'all_zero'],
    ['000000000000', 'all_zero'],
    ['0000000000000', 'all_zero'],
    ['00000000000000', 'all_zero'],
    ['1234567', 'length'],
    ['123456789', 'length'],
    ['12345678901', 'length'],
    ['123456789012345', 'length'],
    ['0306406152', 'length'],
    ['', 'length'],
    ['400638133393X', 'invalid'],
    ['4006381333931.0', 'invalid'],
    ['4.00638E+12', 'spreadsheet_number'],
    ['3,65275E+11', 'spreadsheet_number'],
    ['abc', 'invalid'],
  ])('refuses %j (%s)', (gtin, code) => {
    expect(result(gtin)).toBe(code);
  });

  it('accepts every check digit the mod-10 rule computes, and no other', () => {
    const body = '400638133393';
    for (let d = 0; d <= 9; d++) expect(result(body + d)).toBe(d === 1 ? body + d : 'check_digit');
  });

  it('names the expected check digit', () => {
    const r = parseGtin('4006381333932');
    expect(!r.ok && r.reason).toContain('give 1');
  });
});
