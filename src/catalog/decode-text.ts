import { isUtf8 } from 'node:buffer';

/**
 * UTF-8 checking and decoding for every reader. Decoding is lenient (bad bytes become U+FFFD) so
 * one bad record does not stop the run, but the bytes are validated on the way (`isUtf8`, native
 * and fast): once any invalid sequence was seen, readers check their records for U+FFFD and report
 * them as errors instead of passing a silent replacement on.
 */
export class TextDecoding {
  /** True once invalid UTF-8 was met; it is set before the bytes holding it reach a parser. */
  invalidSeen = false;
  private carry: Buffer | undefined;
  private iterator: AsyncIterator<Buffer> | undefined;
  private first: Buffer | undefined;

  constructor(private readonly source: AsyncIterable<Buffer>) {}

  /** The first chunk of bytes (empty for an empty file); it is still delivered by bytes() and chunks(). */
  async peek(): Promise<Buffer> {
    this.iterator ??= this.source[Symbol.asyncIterator]();
    if (this.first === undefined) {
      const next = await this.iterator.next();
      this.first = next.done ? Buffer.alloc(0) : next.value;
    }
    return this.first;
  }

  private async *raw(): AsyncGenerator<Buffer> {
    this.iterator ??= this.source[Symbol.asyncIterator]();
    if (this.first !== undefined) {
      if (this.first.length) yield this.first;
      this.first = undefined;
    }
    for (;;) {
      const next = await this.iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }

  /** The raw bytes, validated as they pass (for parsers that decode themselves, such as csv-parse). */
  async *bytes(): AsyncGenerator<Buffer> {
    for await (const chunk of this.raw()) {
      this.check(chunk);
      yield chunk;
    }
    // A multi-byte sequence cut off by the end of the file.
    if (this.carry) this.invalidSeen = true;
  }

  /**
   * The text, chunk by chunk, without the byte order mark. `encoding` is a WHATWG label for
   * files that declare another encoding (an XML declaration's `ISO-8859-1`); those are decoded
   * as declared, without the UTF-8 check.
   */
  async *chunks(encoding = 'utf-8'): AsyncGenerator<string> {
    const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
    const utf8 = decoder.encoding === 'utf-8';
    for await (const chunk of utf8 ? this.bytes() : this.raw()) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }

  private check(chunk: Buffer): void {
    if (this.invalidSeen) return;
    let data = chunk;
    if (this.carry) {
      data = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    const complete = completeLength(data);
    if (complete < data.length) this.carry = Buffer.from(data.subarray(complete));
    if (!isUtf8(data.subarray(0, complete))) this.invalidSeen = true;
  }
}

/** Length of the buffer without a multi-byte sequence that continues in the next chunk. */
function completeLength(b: Buffer): number {
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return b.length;
  const lead = b[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return b.length - i >= need ? b.length : i;
}

/** True when a decoded value holds a replacement character (only meaningful once invalidSeen). */
export function hasReplacement(value: string): boolean {
  return value.indexOf('\uFFFD') >= 0;
}
