import type { Issue } from '../issues/issue.js';

/** First size of the byte store; it doubles as needed. */
const START_BYTES = 64 * 1024;

/**
 * The issues an IssueLog keeps in full, as UTF-8 JSON one after another in one buffer, outside the
 * JavaScript heap. As objects, the 20,000 issues each log of a large build keeps (their messages
 * built from parts) were about half the live heap of a six-feed pass, and the collector lets the
 * heap grow to about three times what is live: stored as bytes, the 200,000-row six-feed build
 * in one thread peaked at 225 MiB RSS instead of 278-288 MiB (BENCHMARKS.md). They are read back
 * only at the end, for the reports and `--json`.
 */
export class KeptIssues {
  private bytes = Buffer.allocUnsafe(START_BYTES);
  private used = 0;
  /** End offset in `bytes` of each issue. */
  private readonly ends: number[] = [];

  get length(): number {
    return this.ends.length;
  }

  push(issue: Issue): void {
    const text = JSON.stringify(issue);
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    const need = this.used + text.length * 3;
    if (need > this.bytes.length) {
      let size = this.bytes.length * 2;
      while (size < need) size *= 2;
      const bigger = Buffer.allocUnsafe(size);
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used);
    this.ends.push(this.used);
  }

  /** The kept issues, decoded (new objects on every call). */
  all(): Issue[] {
    const out: Issue[] = [];
    let start = 0;
    for (const end of this.ends) {
      out.push(JSON.parse(this.bytes.toString('utf8', start, end)) as Issue);
      start = end;
    }
    return out;
  }

  clear(): void {
    this.used = 0;
    this.ends.length = 0;
  }
}
