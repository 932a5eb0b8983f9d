/**
 * Reads Google's quoted-fields TSV (what tsv-quoted.ts writes) the way Merchant Center reads it
 * (support.google.com/merchants/answer/14998273): a tab ends an attribute and a line feed a line,
 * except inside double quotes, where `""` is one quote; in a repeated attribute a comma outside
 * quotes separates values, and each value may be quoted on its own (`"a,b",c` is `a,b` and `c`).
 * A quote opens a quoted part at the start of an attribute or of a value only; a closing quote must
 * be followed by a tab, a comma, the line end or the end of the text.
 */

/** Google's repeated attributes (the product data specification's "Repeated field" rows). */
export const GOOGLE_REPEATED: ReadonlySet<string> = new Set([
  'additional_image_link', 'lifestyle_image_link', 'product_type', 'shipping', 'tax', 'product_detail', 'product_highlight',
  'included_destination', 'excluded_destination', 'shopping_ads_excluded_country', 'promotion_id',
]);

/** One line's attributes, each as the values between unquoted commas (a value's quotes removed). */
export function quotedTsvLines(text: string): string[][][] {
  const lines: string[][][] = [];
  let line: string[][] = [];
  let cell: string[] = [];
  let value = '';
  let i = 0;
  const n = text.length;
  const endValue = () => {
    cell.push(value);
    value = '';
  };
  let atValueStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && atValueStart) {
      i++;
      for (;;) {
        if (i >= n) throw new Error('a quoted value is not closed before the end of the text');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      const next = text[i];
      if (next !== undefined && next !== '\t' && next !== ',' && next !== '\n' && next !== '\r') throw new Error(`text after a closing quote at offset ${i}`);
      atValueStart = false;
      continue;
    }
    atValueStart = false;
    if (ch === ',') {
      endValue();
      atValueStart = true;
      i++;
    } else if (ch === '\t') {
      endValue();
      line.push(cell);
      cell = [];
      atValueStart = true;
      i++;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endValue();
      line.push(cell);
      lines.push(line);
      line = [];
      cell = [];
      atValueStart = true;
      i += ch === '\r' ? 2 : 1;
    } else {
      value += ch;
      i++;
    }
  }
  if (value !== '' || cell.length || line.length) {
    endValue();
    line.push(cell);
    lines.push(line);
  }
  return lines;
}

/**
 * The items of a quoted-fields TSV with a header line: a repeated attribute with several values is
 * a list, any other attribute its text (commas outside quotes are part of it). Empty cells are left out.
 */
export function quotedTsvItems(text: string): Record<string, string | string[]>[] {
  const [header, ...lines] = quotedTsvLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (!header) return [];
  const columns = header.map((c) => c.join(','));
  return lines.filter((l) => !(l.length === 1 && l[0]!.length === 1 && l[0]![0] === '')).map((l) => quotedTsvItem(columns, l));
}

/** One line's attributes named by `columns`. */
export function quotedTsvItem(columns: readonly string[], line: readonly string[][]): Record<string, string | string[]> {
  if (line.length > columns.length) throw new Error(`${line.length} cells for ${columns.length} columns`);
  const item: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (let k = 0; k < line.length; k++) {
    const values = line[k]!;
    const column = columns[k]!;
    if (GOOGLE_REPEATED.has(column)) {
      const set = values.filter((v) => v !== '');
      if (set.length) item[column] = set.length === 1 ? set[0]! : set;
    } else {
      const text = values.join(',');
      if (text !== '') item[column] = text;
    }
  }
  return item;
}
