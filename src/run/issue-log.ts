import type { Issue } from '../issues/issue.js';
import { KeptIssues } from './kept-issues.js';

/** Issues kept in full; past this, only counts grow (a 1M-row catalog with a warning per row stays small). */
const KEEP = 20_000;

/** Collects issues: counts by code and severity for every issue, the issues themselves up to a cap. */
export class IssueLog {
  /** Stored as bytes (see KeptIssues); the examples stay objects. */
  private readonly store = new KeptIssues();
  readonly byCode = new Map<string, { severity: Issue['severity']; count: number; examples: Issue[] }>();
  errors = 0;
  warnings = 0;
  dropped = 0;

  add(issues: readonly Issue[]): void {
    for (const i of issues) {
      if (i.severity === 'error') this.errors++;
      else if (i.severity === 'warning') this.warnings++;
      let entry = this.byCode.get(i.code);
      if (!entry) {
        entry = { severity: i.severity, count: 0, examples: [] };
        this.byCode.set(i.code, entry);
      }
      entry.count++;
      if (entry.examples.length < 5) entry.examples.push(i);
      if (this.store.length < KEEP) this.store.push(i);
      else this.dropped++;
    }
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
