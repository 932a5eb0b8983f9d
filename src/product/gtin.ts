import { accept, refuse, type Parsed } from './parse-result.js';
import { looksLikeSpreadsheetNumber, spreadsheetNumber } from './spreadsheet-number.js';

const FIX = 'Copy the GTIN (EAN/UPC/ISBN-13) from the package barcode, or leave the column empty.';

/**
 * A GTIN-8, -12 (UPC), -13 (EAN, ISBN-13) or -14 with a valid mod-10 check digit. Spaces and
 * hyphens are removed; leading zeros are kept (they are part of the number); all zeros is refused.
 */
export function parseGtin(text: string): Parsed<string> {
  let digits = '';
  let clean = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    clean = false;
    break;
  }
  if (clean) digits = text;
  else if (looksLikeSpreadsheetNumber(text)) return spreadsheetNumber();
  else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) digits += text[i];
      else if (c !== 32 && c !== 45 && c !== 0xa0) {
        return refuse('invalid', 'a GTIN holds digits only', FIX);
      }
    }
  }
  const n = digits.length;
  if (n !== 8 && n !== 12 && n !== 13 && n !== 14) {
    const isbn10 = n === 10 ? ' An ISBN-10 is no GTIN: use the ISBN-13 printed above the barcode.' : '';
    return refuse('length', `a GTIN has 8, 12, 13 or 14 digits, not ${n}`, `${FIX} Keep leading zeros: store the column as text.${isbn10}`);
  }
  let sum = 0;
  let zeros = true;
  // Weights 3,1,3,1... from the digit left of the check digit, so one loop serves every length.
  for (let i = n - 2, w = 3; i >= 0; i--, w = 4 - w) {
    const d = digits.charCodeAt(i) - 48;
    if (d !== 0) zeros = false;
    sum += d * w;
  }
  const check = digits.charCodeAt(n - 1) - 48;
  if (zeros && check === 0) return refuse('all_zero', 'a GTIN of zeros only is a placeholder, not a GTIN', FIX);
  const expected = (10 - (sum % 10)) % 10;
  if (check !== expected) {
    return refuse('check_digit', `the check digit is ${check}, the other digits give ${expected}`, `${FIX} A wrong check digit means a mistyped digit.`);
  }
  return accept(digits);
}
