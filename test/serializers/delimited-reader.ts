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

