import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Issue } from '../issues/issue.js';

/** Raw JSON gathered before it is compressed as one chunk. */
const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The issues an IssueLog keeps in full, as UTF-8 JSON lines (JSON.stringify never writes a raw
 * line feed) in deflated chunks of whole issues, outside the JavaScript heap. As objects, the
 * 20,000 issues each log of a large build keeps were about half the live heap of a six-feed pass,
 * and the collector lets the heap grow to about three times what is live; as bytes they still took
 * 7-8 MB a log (a six-feed build of the bench fills four logs). Issues of one code differ in a few
 * characters, so deflate (level 1) keeps about a tenth of that. They are read back only at the
 * end, for the reports and `--json`.
 */
export class KeptIssues {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly chunks: Buffer[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(issue: Issue): void {
    const text = JSON.stringify(issue);
    // A UTF-16 unit takes at most 3 bytes in UTF-8, and the line feed one.
    this.room(text.length * 3 + 1);
    this.used += this.chunk.write(text, this.used);
    this.chunk[this.used++] = NEWLINE;
    this.count++;
  }

  /** An issue already in its stored form: its JSON and a line feed, as UTF-8 (see PackedIssues). */
  pushLine(line: Uint8Array): void {
    this.room(line.length);
    this.chunk.set(line, this.used);
    this.used += line.length;
    this.count++;
  }

  /** The kept issues, decoded (new objects on every call). */
  all(): Issue[] {
    const out: Issue[] = [];
    const decode = (bytes: Buffer) => {
      for (let start = 0; start < bytes.length; ) {
        const end = bytes.indexOf(NEWLINE, start);
        out.push(JSON.parse(bytes.toString('utf8', start, end)) as Issue);
        start = end + 1;
      }
    };
    for (const c of this.chunks) decode(inflateRawSync(c));
    decode(this.chunk.subarray(0, this.used));
    return out;
  }

  clear(): void {
    this.used = 0;
    this.chunks.length = 0;
    this.count = 0;
  }

  /** Room for `bytes` more in the chunk: the chunk compressed first when they do not fit. */
  private room(bytes: number): void {
    if (this.used + bytes <= this.chunk.length) return;
    this.flush();
    if (bytes > this.chunk.length) this.chunk = Buffer.allocUnsafe(bytes);
  }

  private flush(): void {
    if (this.used === 0) return;
    this.chunks.push(deflateRawSync(this.chunk.subarray(0, this.used), { level: 1 }));
    this.used = 0;
  }
}
