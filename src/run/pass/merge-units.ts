import type { Issue } from '../../issues/issue.js';
import type { Validator } from '../../product/validate.js';
import type { FeedOutput, ItemLocation } from '../feed-output.js';
import { IssueLog } from '../issue-log.js';
import { recordKey } from '../item-index.js';
import { OUTCOME, type FeedPiece, type UnitResult } from './units.js';

/** Where the pass records where each item went (for plan); absent for partial updates and validate. */
export interface ItemIndexWriter {
  add(key: string, at: ItemLocation): Promise<void> | undefined;
}

/** One feed as the merger fills it. */
export interface MergeTarget {
  output: FeedOutput;
  index?: ItemIndexWriter;
  /** Items the channel accepted (records may be more, for split variants). */
  items: number;
  records: number;
  /** Items excluded by an error of the rules or the channel. */
  excluded: number;
  /** Items a filter rule left out on purpose. */
  filtered: number;
  issues: IssueLog;
}

export interface PassCounts {
  total: number;
  valid: number;
  invalid: number;
  /** Products the shop does not publish (drafts, archived, hidden, disabled), left out of every feed; also in total. */
  unpublished: number;
}

/**
 * Applies unit results in catalog order: everything that spans rows happens here, in one thread.
 * Duplicate ids are checked against every earlier row (a rejected product's records and feed
 * issues are dropped), the once-per-run notes are kept once, counts and issue logs grow, and
 * record bodies go to each feed's file after their lead.
 */
export class UnitMerger {
  readonly counts: PassCounts = { total: 0, valid: 0, invalid: 0, unpublished: 0 };
  readonly issues = new IssueLog();
  /** Canonical fields some row gave a value (UnitResult.seen of every unit). */
  readonly seen = new Set<string>();
  private readonly tail: Issue[] = [];
  private readonly noted = new Set<string>();
  /** Problems of the catalog's header, reported with its first product. */
  headerIssues: Issue[] | undefined;

  constructor(
    private readonly validator: Validator,
    private readonly targets: MergeTarget[],
    private readonly onProgress?: (rows: number) => void,
  ) {}

  async apply(r: UnitResult): Promise<void> {
    const n = r.rows.length;
    for (const f of r.seen) this.seen.add(f);
    const rejected = new Uint8Array(n);
    const counts = this.counts;
    for (let e = 0; e < n; e++) {
      let issues = r.issues[e] ?? [];
      if (issues.length) issues = this.onceOnly(issues);
      if (this.headerIssues) {
        issues = [...this.headerIssues, ...issues];
        this.headerIssues = undefined;
      }
      const dup = this.validator.rejectDuplicate(r.ids[e] ?? undefined, r.rows[e]!, issues);
      if (issues.length) this.issues.add(issues);
      if (r.valid[e] === 2) {
        counts.total++;
        counts.unpublished++;
      } else if (r.valid[e] && !dup) {
        counts.total++;
        counts.valid++;
        if (this.onProgress && counts.total % 5000 === 0) this.onProgress(counts.total);
      } else {
        if (dup) rejected[e] = 1;
        if (issues.some((i) => i.severity === 'error')) {
          counts.total++;
          counts.invalid++;
        }
      }
    }
    for (let f = 0; f < this.targets.length; f++) await this.applyFeed(this.targets[f]!, r.feeds[f]!, r, rejected);
    for (const i of r.tail) this.tail.push(i);
  }

  /**
   * Issues known at the end: the units' preset tails, then `more` (the main thread's preset, which
   * read rows after every unit), then the duplicate ids' first rows.
   */
  finish(more: Issue[] = []): Issue[] {
    const end = [...this.tail, ...more, ...this.validator.finish()];
    this.issues.add(end);
    // They come as one last event, which counts as one invalid row when it holds an error.
    if (end.some((i) => i.severity === 'error')) {
      this.counts.total++;
      this.counts.invalid++;
    }
    return end;
  }

  /** Notes made once per run (an unsupported field) may come from each unit; the first one stays. */
  private onceOnly(issues: Issue[]): Issue[] {
    if (!issues.some((i) => i.code === 'field.unsupported')) return issues;
    return issues.filter((i) => {
      if (i.code !== 'field.unsupported') return true;
      if (this.noted.has(i.field!)) return false;
      this.noted.add(i.field!);
      return true;
    });
  }

  private async applyFeed(t: MergeTarget, piece: FeedPiece, r: UnitResult, rejected: Uint8Array): Promise<void> {
    for (let e = 0; e < piece.outcome.length; e++) {
      if (rejected[e]) continue;
      const o = piece.outcome[e];
      if (o === OUTCOME.item) t.items++;
      else if (o === OUTCOME.excluded) t.excluded++;
      else if (o === OUTCOME.filtered) t.filtered++;
    }
    if (t.output.plain) await this.applyRuns(t, piece, r, rejected);
    else await this.applyRecords(t, piece, r, rejected);
    const owner = piece.issueOwner;
    if (piece.packed) t.issues.addPacked(piece.packed, (i) => !rejected[owner[i]!]);
    else if (piece.issues.length) t.issues.add(piece.issues.filter((_, i) => !rejected[owner[i]!]));
  }

  /** Each record after its lead (separators, message ids), with the splits into parts. */
  private async applyRecords(t: MergeTarget, piece: FeedPiece, r: UnitResult, rejected: Uint8Array): Promise<void> {
    const { bytes, ends, owner } = piece;
    let start = 0;
    for (let k = 0; k < ends.length; k++) {
      const end = ends[k]!;
      const e = owner[k]!;
      if (!rejected[e]) {
        const flushing = t.output.writeItem(bytes.subarray(start, end), r.rows[e]!);
        if (flushing) await flushing;
        t.records++;
        if (t.index) {
          const indexing = t.index.add(keyOf(r.ids[e]!, owner, k), t.output.last);
          if (indexing) await indexing;
        }
      }
      start = end;
    }
  }

  /** Records that need nothing before them: every run between rejected ones in one write. */
  private async applyRuns(t: MergeTarget, piece: FeedPiece, r: UnitResult, rejected: Uint8Array): Promise<void> {
    const { bytes, ends, owner } = piece;
    const at = { part: 0, offset: 0, length: 0 };
    let k = 0;
    while (k < ends.length) {
      if (rejected[owner[k]!]) {
        k++;
        continue;
      }
      const first = k;
      while (k < ends.length && !rejected[owner[k]!]) k++;
      const from = first === 0 ? 0 : ends[first - 1]!;
      const flushing = t.output.writeRun(bytes.subarray(from, ends[k - 1]!), k - first);
      if (flushing) await flushing;
      t.records += k - first;
      if (!t.index) continue;
      at.part = t.output.last.part;
      for (let j = first; j < k; j++) {
        const start = j === 0 ? 0 : ends[j - 1]!;
        at.offset = t.output.last.offset + (start - from);
        at.length = ends[j]! - start;
        const indexing = t.index.add(keyOf(r.ids[owner[j]!]!, owner, j), at);
        if (indexing) await indexing;
      }
    }
  }
}

/** The key of the k-th record, whose product's records are consecutive in `owner` (see recordKey). */
function keyOf(id: string, owner: Uint32Array, k: number): string {
  const e = owner[k];
  let first = k;
  while (first > 0 && owner[first - 1] === e) first--;
  let last = k;
  while (last + 1 < owner.length && owner[last + 1] === e) last++;
  return recordKey(id, k - first, last - first + 1);
}
