import { refuse, type Refusal } from './parse-result.js';

/**
 * A code a spreadsheet turned into a number: `3.65275E+11` (Excel, LibreOffice and Numbers show long
 * digit strings in scientific notation and save them so, losing the last digits), also with a
 * decimal comma (`3,65275E+11`). Such a value can never be restored from the file.
 */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d{1,3}$/;

export const looksLikeSpreadsheetNumber = (text: string): boolean => SCIENTIFIC.test(text.trim());

/** The refusal of such a value, the same wording for every field it meets (GTIN, MPN, SKU, ...). */
export const spreadsheetNumber = (): Refusal =>
  refuse(
    'spreadsheet_number',
    'looks like a number converted by a spreadsheet (scientific notation; its last digits are lost)',
    'Re-export the catalog from the shop as text, or format the column as Text before saving the spreadsheet',
  );
