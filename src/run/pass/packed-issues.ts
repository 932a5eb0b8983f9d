import type { Issue, Severity } from '../../issues/issue.js';

const NEWLINE = 0x0a;
/** First size of a packer's scratch buffer; it doubles as needed and is kept for the next unit. */
const SCRATCH_BYTES = 64 * 1024;

/** The code and severity shared by the issues of one kind (what an IssueLog counts by). */
export interface IssueKind {
  code: string;
  severity: Severity;
}

/**
 * A feed piece's issues as bytes: each issue's JSON (what KeptIssues stores) and a line feed, back
 * to back, with the kind of each. A worker sends its issues this way instead of as objects: a
 * channel that refuses every item of a large catalog reports hundreds of thousands of issues (the
 * bench's Amazon feed: 655,000 at 200,000 rows), and cloning them as objects cost the main thread
 * about 1.2 s of deserializing plus its garbage, while it keeps at most 20,000 of them whole and
 * only counts the rest. From bytes it counts by kind, parses the few examples it shows and copies
 * the kept lines as they are.
 */
export interface PackedIssues {
  /** UTF-8 JSON lines, one per issue, each ending in a line feed; empty for an issue the main thread only counts. */
  bytes: Uint8Array;
  /** End offset in `bytes` of each issue's line (after its line feed). */
  ends: Uint32Array;
  /** Per issue: its index in `kinds`. */
  kind: Uint32Array;
  kinds: IssueKind[];
}

/** Gathers one feed's issues of a unit into PackedIssues; one per feed, used for unit after unit. */
export class IssuePacker {
  private buf = Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  private used = 0;
  private ends: number[] = [];
  private kindOf: number[] = [];
  private kinds: IssueKind[] = [];
  /** Code -> index of its first kind (a code met with another severity gets a kind of its own). */
  private byCode = new Map<string, number>();

  /**
   * Codes whose issues the main thread now only counts (see IssueLog.countedOnly): their issues are
   * sent without their JSON, as empty lines. A large build's log is full after its first few
   * thousand rows, and stringifying the rest was most of what packing cost a worker.
   */
  private bare: ReadonlySet<string> = new Set();

  countOnly(codes: readonly string[]): void {
    this.bare = new Set(codes);
  }

  add(issue: Issue): void {
    let k = this.byCode.get(issue.code);
    if (k === undefined || this.kinds[k]!.severity !== issue.severity) k = this.kindIndex(issue);
    this.kindOf.push(k);
    if (this.bare.has(issue.code)) {
      this.ends.push(this.used);
      return;
    }
    const text = JSON.stringify(issue);
    // A UTF-16 unit takes at most 3 bytes in UTF-8, and the line feed one.
    const need = this.used + text.length * 3 + 1;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    this.used += this.buf.write(text, this.used);
    this.buf[this.used++] = NEWLINE;
    this.ends.push(this.used);
  }

  /** The issues gathered since the last finish, in their own buffers (the scratch is kept). */
  finish(): PackedIssues {
    const bytes = new Uint8Array(this.used);
    bytes.set(this.buf.subarray(0, this.used));
    const packed: PackedIssues = { bytes, ends: Uint32Array.from(this.ends), kind: Uint32Array.from(this.kindOf), kinds: this.kinds };
    this.used = 0;
    this.ends = [];
    this.kindOf = [];
    this.kinds = [];
    this.byCode = new Map();
    return packed;
  }

  private kindIndex(issue: Issue): number {
    let k = this.kinds.findIndex((x) => x.code === issue.code && x.severity === issue.severity);
    if (k < 0) {
      k = this.kinds.push({ code: issue.code, severity: issue.severity }) - 1;
      if (!this.byCode.has(issue.code)) this.byCode.set(issue.code, k);
    }
    return k;
  }
}
