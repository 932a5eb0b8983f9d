/**
 * UTF-8 decoding for every reader. Decoding is lenient (bad bytes become U+FFFD) so that one bad
 * record does not stop the run, but the decoder notices when that happened: readers then check
 * their records for U+FFFD and report them as errors instead of passing a silent replacement on.
 */
const REPLACEMENT = '\uFFFD';
const ENCODED_REPLACEMENT = Buffer.from([0xef, 0xbf, 0xbd]);

function countOf(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

function countBytes(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

export class TextDecoding {
  /** True once any invalid UTF-8 was met; from then on readers check records for U+FFFD. */
  invalidSeen = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  // Replacement characters that were really in the file (encoded EF BF BD), so they are not blamed.
  private genuine = 0;
  private decoded = 0;
  private carry: Buffer = Buffer.alloc(0);

  constructor(private readonly bytes: AsyncIterable<Buffer>) {}

  /** The text, chunk by chunk, without the byte order mark. */
  async *chunks(): AsyncGenerator<string> {
    for await (const chunk of this.bytes) {
      const text = this.decoder.decode(chunk, { stream: true });
      this.check(chunk, text);
      if (text) yield text;
    }
    const rest = this.decoder.decode();
    this.check(Buffer.alloc(0), rest, true);
    if (rest) yield rest;
  }

  private check(chunk: Buffer, text: string, last = false): void {
    if (this.invalidSeen) return;
    // An encoded U+FFFD may straddle two chunks: keep the last two bytes for the next search.
    const window = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    this.genuine += countBytes(window, ENCODED_REPLACEMENT);
    this.carry = last ? Buffer.alloc(0) : Buffer.from(window.subarray(Math.max(0, window.length - 2)));
    if (text.indexOf(REPLACEMENT) >= 0) this.decoded += countOf(text, REPLACEMENT);
    if (this.decoded > this.genuine) this.invalidSeen = true;
  }
}

/** True when a decoded value holds a replacement character (only meaningful once invalidSeen). */
export function hasReplacement(value: string): boolean {
  return value.indexOf(REPLACEMENT) >= 0;
}
