import type { Serializer, SerializerContext } from './serializer.js';
import { delimitedSerializer, sharedCell } from './tabular-cell.js';
import { removeIllegalChars, untouchedBy } from './text-clean.js';
import { mayBeFormula, neutralizeFormula } from './formula-cells.js';

const BREAKS = /[\t\r\n]/;
const untouched = untouchedBy('\\t\\r\\n');
const BREAKS_G = /\r\n|[\t\r\n]/g;

/**
 * Plain tab-separated values (Microsoft Merchant Center: "do not enclose in quotes"): no quoting
 * exists, so tabs and line breaks inside values become single spaces. Google's is tsv-quoted.ts. Quotes are written as they are. Lines end with LF.
 * `formulaGuard` (the feed's `neutralize_formulas`): a `'` before formula cells, as in CSV.
 */
export function createTsvSerializer(ctx: SerializerContext): Serializer {
  const guard = ctx.options?.formulaGuard === true;
  const cell = sharedCell(`plain\t${guard ? ' guard' : ''}`, () => (raw: string): string => {
    if (untouched(raw) && !(guard && mayBeFormula(raw))) return raw;
    const v = removeIllegalChars(raw);
    const flat = BREAKS.test(v) ? v.replace(BREAKS_G, ' ') : v;
    return guard ? neutralizeFormula(flat) : flat;
  });
  return delimitedSerializer(ctx.columns, cell, '\t', '\n');
}
