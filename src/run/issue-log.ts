import type { Issue } from '../issues/issue.js';
import { KeptIssues } from './kept-issues.js';
import type { PackedIssues } from './pass/packed-issues.js';

/** Issues kept in full; past this, only counts grow (a 1M-row catalog with a warning per row stays small). */
const KEEP = 20_000;
/** Issues kept as objects per code, to show. */
const EXAMPLES = 5;

interface CodeEntry {
  severity: Issue['severity'];
  count: number;
  examples: Issue[];
}

/** Collects issues: counts by code and severity for every issue, the issues themselves up to a cap. */
export class IssueLog {
  /** Stored as bytes (see KeptIssues); the examples stay objects. */
  private readonly store = new KeptIssues();
  readonly byCode = new Map<string, CodeEntry>();
  errors = 0;
  warnings = 0;
  dropped = 0;

  add(issues: readonly Issue[]): void {
    for (const i of issues) {
      const entry = this.entry(i.code, i.severity);
      this.count(entry, i.severity);
      if (entry.examples.length < EXAMPLES) entry.examples.push(i);
      if (this.store.length < KEEP) this.store.push(i);
      else this.dropped++;
    }
  }

  /**
   * Issues as a worker thread sends them (see PackedIssues), those `take` accepts (by index), in
   * order: the same counts, examples and kept issues as add() of their objects, parsing only the
   * examples.
   */
  addPacked(packed: PackedIssues, take: (i: number) => boolean): void {
    const { bytes, ends, kind, kinds } = packed;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const entries: (CodeEntry | undefined)[] = [];
    let start = 0;
    for (let i = 0; i < ends.length; start = ends[i++]!) {
      if (!take(i)) continue;
      const k = kind[i]!;
      const entry = (entries[k] ??= this.entry(kinds[k]!.code, kinds[k]!.severity));
      this.count(entry, kinds[k]!.severity);
      const end = ends[i]!;
      if (end === start) {
        // Sent bare, as countedOnly() allowed: both conditions only grow during a pass.
        if (entry.examples.length < EXAMPLES || this.store.length < KEEP) throw new Error(`an issue of ${kinds[k]!.code} came without its text while the log still needs it`);
        this.dropped++;
        continue;
      }
      if (entry.examples.length < EXAMPLES) entry.examples.push(JSON.parse(text.toString('utf8', start, end - 1)) as Issue);
      if (this.store.length < KEEP) this.store.pushLine(bytes.subarray(start, end));
      else this.dropped++;
    }
  }

  /**
   * The codes of which more issues would only be counted: none until the log keeps no more, then
   * every code with all its examples. Until the pass ends (addFirst, removeCodes), the list only grows.
   */
  countedOnly(): string[] {
    if (this.store.length < KEEP) return [];
    const codes: string[] = [];
    for (const [code, entry] of this.byCode) if (entry.examples.length >= EXAMPLES) codes.push(code);
    return codes;
  }

  /** The entry of a code, made with the severity of its first issue. */
  private entry(code: string, severity: Issue['severity']): CodeEntry {
    let entry = this.byCode.get(code);
    if (!entry) {
      entry = { severity, count: 0, examples: [] };
      this.byCode.set(code, entry);
    }
    return entry;
  }

  /** One more issue of the entry's code. */
  private count(entry: CodeEntry, severity: Issue['severity']): void {
    if (severity === 'error') this.errors++;
    else if (severity === 'warning') this.warnings++;
    entry.count++;
  }

  /** The issues kept in full, in the order they came (a new array on every call). */
  get kept(): Issue[] {
    return this.store.all();
  }

  /** Adds issues before every kept one (run-level diagnostics known at the end that belong first). */
  addFirst(issues: readonly Issue[]): void {
    const before = this.store.all();
    this.store.clear();
    this.add(issues);
    for (const i of before) {
      if (this.store.length < KEEP) this.store.push(i);
      else this.dropped++;
    }
  }

  /** Takes out every issue of these codes (one run-level issue stands for them); returns how many. */
  removeCodes(codes: readonly string[]): number {
    let removed = 0;
    for (const code of codes) {
      const entry = this.byCode.get(code);
      if (!entry) continue;
      this.byCode.delete(code);
      removed += entry.count;
      if (entry.severity === 'error') this.errors -= entry.count;
      else if (entry.severity === 'warning') this.warnings -= entry.count;
    }
    if (removed > 0) {
      const gone = new Set(codes);
      const before = this.store.all();
      const kept = before.filter((i) => !gone.has(i.code));
      this.dropped -= removed - (before.length - kept.length);
      this.store.clear();
      for (const i of kept) this.store.push(i);
    }
    return removed;
  }

  /** `{ code: count }`, most frequent first. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.byCode.entries()].sort((a, b) => b[1].count - a[1].count).map(([code, e]) => [code, e.count]));
  }
}
