import { mayBeFormula, neutralizeFormula } from './formula-cells.js';
import { removeIllegalChars, untouchedBy } from './text-clean.js';
import { sharedCell } from './tabular-cell.js';

/** Space or tab at either end: quoted so that readers that trim unquoted fields keep them. */
const edgeSpace = (v: string): boolean => {
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(v.length - 1);
  return a === 32 || a === 9 || b === 32 || b === 9;
};
const QUOTE = /"/g;

/**
 * The cell of one value in RFC 4180 quoting, shared by CSV (`,`) and Google's quoted-fields TSV
 * (`\t`; `,\t` for one value of a repeated attribute, where a comma separates values): quoted only
 * when it holds a quote, a delimiter, a line break or edge whitespace, with its quotes doubled.
 * `formulaGuard`: a `'` before formula cells; `quoteSemicolons` (CSV) also quotes cells holding
 * `;`, so that a spreadsheet that splits on `;` cannot start a formula inside one.
 * Empty values stay empty. One function per combination, shared by the feeds that use it (sharedCell).
 */
export function quotedCell(delimiters: ',' | '\t' | ',\t', o: { formulaGuard: boolean; quoteSemicolons?: boolean }): (raw: string) => string {
  return sharedCell(`quoted${delimiters}${o.formulaGuard ? ' guard' : ''}${o.quoteSemicolons === true ? ' semicolons' : ''}`, () => makeQuotedCell(delimiters, o));
}

function makeQuotedCell(delimiters: ',' | '\t' | ',\t', o: { formulaGuard: boolean; quoteSemicolons?: boolean }): (raw: string) => string {
  const special = delimiters.replace('\t', '\\t');
  const needsQuotes = new RegExp(`["${special}\\r\\n]`);
  const untouched = untouchedBy(`"${special}\\r\\n`);
  const semicolons = o.formulaGuard && o.quoteSemicolons === true;
  return (raw) => {
    if (untouched(raw) && !edgeSpace(raw) && !(o.formulaGuard && (mayBeFormula(raw) || (semicolons && raw.includes(';'))))) return raw;
    let v = removeIllegalChars(raw);
    if (o.formulaGuard) v = neutralizeFormula(v);
    return needsQuotes.test(v) || edgeSpace(v) || (semicolons && v.includes(';')) ? `"${v.replace(QUOTE, '""')}"` : v;
  };
}
