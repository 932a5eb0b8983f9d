const QUOTE = 0x22;
/** Quoted values at least this long are compared with the last one before being decoded. */
const MEMO_MIN_BYTES = 256;
const CR = 0x0d;
const LF = 0x0a;

/** Record delimiter, found like csv-parse finds it: the first `\r\n`, `\n` or `\r` outside quotes. */
export const enum Eol {
  Unknown,
  Lf,
  Cr,
  CrLf,
}

/**
 * Buffer#toString('utf8', start, end) without its argument checks (the scanner's offsets are in
 * range by construction): one call per field, so the wrapper's cost shows.
 */
const utf8 = (buf: Buffer, start: number, end: number): string => (buf as unknown as { utf8Slice(start: number, end: number): string }).utf8Slice(start, end);

/** Input the scanner does not read the way csv-parse would; the caller hands the file to csv-parse. */
export class UnsupportedCsv extends Error {
  override readonly name = 'UnsupportedCsv';
}

/**
 * A CSV scanner over bytes that gives exactly what csv-parse gives with the catalog reader's
 * options (`relax_column_count`, `relax_quotes`, `skip_empty_lines`, `bom`, one delimiter byte,
 * auto-detected record delimiter), several times faster: it searches quotes with the native
 * Buffer.indexOf, decodes each quoted field and each run of unquoted ones with one Buffer.toString
 * (so a kept id pins at most its record's short fields, never a whole chunk) and hands records
 * back a batch at a time.
 *
 * What it leaves to csv-parse (it throws UnsupportedCsv): an unclosed quote at the end of the file
 * (csv-parse reports it with its own line count), a UTF-16 byte order mark (csv-parse switches
 * encoding), and a NUL byte right after a closing quote (csv-parse treats it as the end of input).
 */
export class CsvScanner {
  private eol: Eol = Eol.Unknown;
  private bomChecked = false;
  private readonly delimiter: number;
  private readonly delimiterText: string;
  /** Records found so far (scanned or counted). */
  records = 0;
  private memoBuf: Buffer | undefined;
  private memoStart = 0;
  private memoEnd = 0;
  private memoValue = '';

  /**
   * `resume`: go on from where another scanner stopped at a record boundary (a worker thread
   * scanning a slice of the file): the byte order mark is behind, the record delimiter known.
   */
  constructor(delimiter: string, resume?: { eol: Eol }) {
    if (resume) {
      this.bomChecked = true;
      this.eol = resume.eol;
    }
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
      throw new UnsupportedCsv(`delimiter ${JSON.stringify(delimiter)} is not one ASCII character`);
    }
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterText = delimiter;
  }

  /** The record delimiter, once the first one was seen. */
  get recordDelimiter(): Eol {
    return this.eol;
  }

  /**
   * Appends the complete records at the start of `buf` to `out` and returns the offset of the
   * first byte not consumed (the start of an incomplete record), which must be passed again,
   * followed by more bytes. With `final`, `buf` is the rest of the input and everything is consumed.
   * With `out` null, records are only counted (no text is decoded): to cut a file at record
   * boundaries for worker threads, which then scan the same bytes with exactly these rules.
   * `limit` stops after that many records; `from` starts at that offset of `buf`, a record
   * boundary this scanner returned (the same buffer keeps the memo of quotedValue working).
   */
  scan(buf: Buffer, final: boolean, out: string[][] | null, limit = Infinity, from = 0): number {
    const len = buf.length;
    let pos = from;
    if (!this.bomChecked) {
      if (len < 3 && !final) return 0;
      this.bomChecked = true;
      if (len >= 2 && buf[0] === 0xff && buf[1] === 0xfe) throw new UnsupportedCsv('UTF-16 byte order mark');
      if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    const d = this.delimiter;
    const decode = out !== null;
    const found = (record: string[]) => {
      this.records++;
      if (decode) out!.push(record);
    };
    // Counting only, one array serves every record: its fields are pushed (as '') only because an
    // empty last line is no record, which its length tells.
    const counted: string[] = [];
    records: while (pos < len && this.records < limit) {
      const start = pos;
      let record: string[];
      if (decode) record = [];
      else {
        record = counted;
        record.length = 0;
      }
      let p = pos;
      fields: for (;;) {
        if (p >= len) {
          if (!final) return start;
          // The input ends right after a delimiter: that delimiter opened one last empty field.
          if (record.length > 0) {
            record.push('');
            found(record);
          }
          return len;
        }
        let prefix = '';
        let quoted = false;
        if (buf[p] === QUOTE) {
          quoted = true;
          const open = p + 1;
          let from = open;
          let escapes = false;
          for (;;) {
            const q = buf.indexOf(QUOTE, from);
            if (q < 0 || (q + 1 >= len && !final)) {
              if (!final) return start;
              throw new UnsupportedCsv('a quote is not closed at the end of the file');
            }
            const next = q + 1 < len ? buf[q + 1]! : -1;
            if (next === QUOTE) {
              // `""` inside quotes is one literal quote.
              escapes = true;
              from = q + 2;
              continue;
            }
            const value = decode ? this.quotedValue(buf, open, q, escapes) : '';
            p = q + 1;
            if (next === -1) {
              record.push(value);
              found(record);
              return len;
            }
            if (next === d) {
              record.push(value);
              p++;
              continue fields;
            }
            const eol = next === CR || next === LF ? this.eolAt(buf, p, final) : 0;
            if (eol < 0) return start;
            if (eol > 0) {
              record.push(value);
              found(record);
              pos = p + eol;
              continue records;
            }
            if (next === 0) throw new UnsupportedCsv('a NUL byte follows a closing quote');
            // relax_quotes: a closing quote followed by other text keeps both quotes, and the
            // field goes on unquoted (`"a"b` reads as `"a"b`).
            prefix = `"${value}"`;
            break;
          }
        }
        // Unquoted (or the rest of a relaxed quoted field): a quote here is an ordinary character.
        const from = p;
        if (this.eol !== Eol.Unknown) {
          // The unquoted fields go on to the record delimiter unless a quote right after a field
          // delimiter opens a quoted field first; both are found natively. Decoding, these fields
          // are one run (see pushRun); counting, one placeholder stands for them.
          const eolByte = this.eol === Eol.Lf ? LF : CR;
          let nl = buf.indexOf(eolByte, p);
          if (this.eol === Eol.CrLf) {
            // A CR without its LF is text; one that ends the bytes so far cannot be told yet.
            while (nl >= 0 && nl + 1 < len && buf[nl + 1] !== LF) nl = buf.indexOf(CR, nl + 1);
            if (nl >= 0 && nl + 1 >= len) {
              if (!final) return start;
              nl = -1;
            }
          }
          const stop = nl < 0 ? len : nl;
          let q = buf.indexOf(QUOTE, p);
          while (q >= 0 && q < stop && buf[q - 1] !== d) q = buf.indexOf(QUOTE, q + 1);
          if (q >= 0 && q < stop) {
            // buf[p] is no quote, so the delimiter before q is in this field's rest.
            if (decode) this.pushRun(record, prefix, buf, from, q - 1);
            else record.push('');
            p = q;
            continue fields;
          }
          if (nl < 0) {
            if (!final) return start;
            if (quoted || record.length > 0 || from < len || prefix !== '') {
              if (decode) this.pushRun(record, prefix, buf, from, len);
              else record.push('');
              found(record);
            }
            return len;
          }
          if (quoted || record.length > 0 || nl > from || prefix !== '') {
            if (decode) this.pushRun(record, prefix, buf, from, nl);
            else record.push('');
            found(record);
          }
          pos = nl + (this.eol === Eol.CrLf ? 2 : 1);
          continue records;
        }
        // The first record, before its delimiter is known: byte by byte.
        for (;;) {
          if (p >= len) {
            if (!final) return start;
            const field = decode ? prefix + utf8(buf, from, len) : from < len ? '?' : prefix;
            if (quoted || record.length > 0 || field !== '') {
              record.push(field);
              found(record);
            }
            return len;
          }
          const c = buf[p]!;
          if (c === d) {
            record.push(decode ? prefix + utf8(buf, from, p) : '');
            p++;
            continue fields;
          }
          if (c === CR || c === LF) {
            const eol = this.eolAt(buf, p, final);
            if (eol < 0) return start;
            if (eol > 0) {
              const field = decode ? prefix + utf8(buf, from, p) : from < p ? '?' : prefix;
              pos = p + eol;
              // skip_empty_lines: a line with nothing on it is no record.
              if (quoted || record.length > 0 || field !== '') {
                record.push(field);
                found(record);
              }
              continue records;
            }
          }
          p++;
        }
      }
    }
    return pos;
  }

  /**
   * The unquoted fields in bytes `from` to `to` (delimiters between them, the first one after
   * `prefix`), decoded in one call and cut at the delimiter. A call per field was most of the
   * scanner's cost (UTF-8 decoding 7 % of a one-thread Google build, on rows of about twenty
   * short fields); with the runs found natively as when counting, decoding 50,000 bench rows
   * takes 0.80 to 0.86 of the CPU time (medians of 12 alternated rounds). Cutting the text is
   * exact: the delimiter is ASCII, which UTF-8 never uses inside another character, and decoding
   * stops a broken sequence at an ASCII byte just as a decode ending there does. The cut fields
   * share the run's text (one record's short fields), not the chunk.
   */
  private pushRun(record: string[], prefix: string, buf: Buffer, from: number, to: number): void {
    const text = utf8(buf, from, to);
    const d = this.delimiterText;
    let at = text.indexOf(d);
    if (at < 0) {
      record.push(prefix + text);
      return;
    }
    record.push(prefix + text.slice(0, at));
    for (;;) {
      const next = text.indexOf(d, at + 1);
      if (next < 0) break;
      record.push(text.slice(at + 1, next));
      at = next;
    }
    record.push(text.slice(at + 1));
  }

  /**
   * The text between the quotes at `open` and `close`, `""` read as `"`. A long value equal, byte
   * for byte, to the last long one is that same string: the variants of a product repeat its
   * description, and comparing bytes is cheaper than decoding them again (later steps that
   * remember their last input then see the very same string).
   */
  private quotedValue(buf: Buffer, open: number, close: number, escapes: boolean): string {
    const n = close - open;
    if (n >= MEMO_MIN_BYTES) {
      if (buf === this.memoBuf && n === this.memoEnd - this.memoStart && buf.compare(buf, this.memoStart, this.memoEnd, open, close) === 0) return this.memoValue;
      this.memoBuf = buf;
      this.memoStart = open;
      this.memoEnd = close;
      this.memoValue = escapes ? utf8(buf, open, close).replaceAll('""', '"') : utf8(buf, open, close);
      return this.memoValue;
    }
    return escapes ? utf8(buf, open, close).replaceAll('""', '"') : utf8(buf, open, close);
  }

  /** Length of the record delimiter at p (0: none; -1: cannot tell before more bytes arrive). */
  private eolAt(buf: Buffer, p: number, final: boolean): number {
    const c = buf[p];
    switch (this.eol) {
      case Eol.Lf:
        return c === LF ? 1 : 0;
      case Eol.Cr:
        return c === CR ? 1 : 0;
      case Eol.CrLf:
        if (c !== CR) return 0;
        if (p + 1 >= buf.length) return final ? 0 : -1;
        return buf[p + 1] === LF ? 2 : 0;
      case Eol.Unknown:
        if (c === LF) {
          this.eol = Eol.Lf;
          return 1;
        }
        if (c !== CR) return 0;
        if (p + 1 >= buf.length && !final) return -1;
        this.eol = buf[p + 1] === LF ? Eol.CrLf : Eol.Cr;
        return this.eol === Eol.CrLf ? 2 : 1;
    }
  }
}
