import { COLUMNS, type GenRow } from './row-arbitraries.js';

/** Bytes that are not UTF-8: a stray continuation byte, a cut 2-byte sequence, an encoded surrogate. */
export const INVALID_UTF8 = Buffer.from([0x80, 0x20, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xff]);
const MARK = '\u0000INVALID-UTF8\u0000';

function splice(text: string): Buffer {
  const parts = text.split(MARK);
  const out: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(INVALID_UTF8);
    out.push(Buffer.from(p, 'utf8'));
  });
  return Buffer.concat(out);
}

const withMark = (r: GenRow): string => (r.invalidUtf8 ? `${r.cells.description}${MARK}` : r.cells.description);

/** RFC 4180 CSV, every cell quoted; `bom` and `crlf` vary the file around the same rows. */
export function toCsv(rows: GenRow[], opts: { bom?: boolean; crlf?: boolean } = {}): Buffer {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const eol = opts.crlf ? '\r\n' : '\n';
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => q(c === 'description' ? withMark(r) : r.cells[c])).join(','))];
  return Buffer.concat([Buffer.from(opts.bom ? '\ufeff' : ''), splice(lines.join(eol) + eol)]);
}

/** NDJSON, one object per line; JSON escapes carry control characters and lone surrogates as they are. */
export function toNdjson(rows: GenRow[]): Buffer {
  return splice(
    rows
      .map((r) => {
        const o: Record<string, string> = { ...r.cells };
        o.description = withMark(r);
        return JSON.stringify(o).replace(/\\u0000INVALID-UTF8\\u0000/g, MARK);
      })
      .join('\n') + '\n',
  );
}

/** The row number an issue must carry: spreadsheet rows for CSV (header = 1), item numbers otherwise. */
export const rowNumber = (index: number, format: 'csv' | 'ndjson'): number => (format === 'csv' ? index + 2 : index + 1);
