/**
 * Formula cells, by OWASP's CSV injection rule: a cell whose first character is `=`, `+`, `-` or
 * `@` (after any leading spaces, which spreadsheets skip), or that starts with a tab or carriage
 * return, is run as a formula when a spreadsheet opens the file (`=HYPERLINK(...)`, `+cmd|...`,
 * `@SUM(...)`). A leading `'` makes every spreadsheet show it as text instead.
 */
const TRIGGER = /^(?:[\t\r]|[ \n]*[=+\-@])/;
/** `-5`, `+1.50`, `-0,5`: a number to every spreadsheet, not a formula; its value is left alone. */
const NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

/** True when a spreadsheet would take `cell` as a formula. */
export const isFormulaCell = (cell: string): boolean => TRIGGER.test(cell) && !NUMBER.test(cell);

/** `cell` with a leading `'` when a spreadsheet would take it as a formula; otherwise `cell` itself. */
export const neutralizeFormula = (cell: string): string => (isFormulaCell(cell) ? `'${cell}` : cell);

/** A cell that may need neutralising (a cheap first look: its first character). */
export function mayBeFormula(cell: string): boolean {
  const c = cell.charCodeAt(0);
  // = + - @ tab CR space LF
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d || c === 0x20 || c === 0x0a;
}

/**
 * The serializer options of a feed: the channel's, with `formulaGuard` on when the feed's
 * `neutralize_formulas` says so, or by default when the format is one people open in spreadsheets.
 */
export function withFormulaGuard(options: Record<string, unknown>, format: { spreadsheet?: boolean }, neutralize: boolean | undefined): Record<string, unknown> {
  return (neutralize ?? format.spreadsheet === true) ? { ...options, formulaGuard: true } : options;
}
