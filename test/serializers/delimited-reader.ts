/**
 * One reader for every delimited feed the project writes, following the readers' published rules
 * rather than our writers' code:
 * - `quotes: true`: RFC 4180 (CSV channels) and Google's "Quoted fields" TSV
 *   (support.google.com/merchants/answer/14998273): a field that starts with `"` runs to the next `"`
 *   that is not doubled, and may hold delimiters and line breaks; `""` inside is one quote.
 * - `quotes: false`: TSV without quoting (Microsoft, Pinterest): every tab ends a field, every line
 *   feed a row; quotes are ordinary characters.
 * Rows end with LF (or CRLF); the last line feed ends the last row.
 */
export function readDelimited(text: string, opts: { delimiter: ',' | '\t'; quotes: boolean }): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field = '';
    if (opts.quotes && text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unclosed quote');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      const next = text[i];
      if (next !== undefined && next !== opts.delimiter && next !== '\n' && next !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else {
      while (i < n && text[i] !== opts.delimiter && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        if (opts.quotes && text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === opts.delimiter) {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    i++; // line feed, or past the end
    rows.push(row);
    row = [];
  }
  return rows;
}


/**
 * Google's quoted-fields TSV, read by quote parity (a different walk from the writer's and from
 * src/serializers/tsv-quoted-reader.ts): a tab or line break ends a cell only where the quotes
 * before it in that cell are even; a cell's values are split at commas the same way; a value in
 * quotes loses them and `""` inside is one quote (support.google.com/merchants/answer/14998273:
 * "for repeated attributes ... place the value containing commas in quotes").
 * Returns lines -> cells -> values.
 */
export function readGoogleTsv(text: string): string[][][] {
  const lines: string[][][] = [];
  let cells: string[][] = [];
  let raw = '';
  let quotes = 0;
  const endCell = () => {
    cells.push(splitAtEvenCommas(raw).map(unquote));
    raw = '';
    quotes = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const open = quotes % 2 === 1;
    if (!open && ch === '\t') endCell();
    else if (!open && (ch === '\n' || (ch === '\r' && text[i + 1] === '\n'))) {
      if (ch === '\r') i++;
      endCell();
      lines.push(cells);
      cells = [];
    } else {
      if (ch === '"') quotes++;
      raw += ch;
    }
  }
  if (quotes % 2 === 1) throw new Error('unclosed quote');
  if (raw !== '' || cells.length) {
    endCell();
    lines.push(cells);
  }
  return lines;
}

function splitAtEvenCommas(cell: string): string[] {
  const parts: string[] = [];
  let part = '';
  let quotes = 0;
  for (const ch of cell) {
    if (ch === ',' && quotes % 2 === 0) {
      parts.push(part);
      part = '';
      continue;
    }
    if (ch === '"') quotes++;
    part += ch;
  }
  parts.push(part);
  return parts;
}

function unquote(value: string): string {
  if (!value.includes('"')) return value;
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) throw new Error(`a quote inside an unquoted value: ${JSON.stringify(value)}`);
  const inner = value.slice(1, -1);
  if (/(^|[^"])"(?!")/.test(inner.replace(/""/g, ''))) throw new Error(`a lone quote inside a quoted value: ${JSON.stringify(value)}`);
  return inner.replace(/""/g, '"');
}
