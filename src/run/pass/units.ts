import type { MappedRow } from '../../catalog/types.js';
import type { Eol } from '../../catalog/fast-csv/scanner.js';
import type { Issue } from '../../issues/issue.js';
import type { PackedIssues } from './packed-issues.js';
import type { XmlItemOptions } from '../../catalog/xml-item-row.js';
import type { ScannedItem } from '../../catalog/xml-scanner.js';

/**
 * The one pass cuts the catalog into units of work and merges their results in order. A unit is
 * processed by a worker thread (or in-process, the same code) from its input alone: every piece
 * of state that spans rows (duplicate ids, counts, issue logs, the files) stays with the merger.
 */
export type WorkUnit = CsvUnit | XmlUnit | MappedUnit;

/** Buffers the main thread is done with, back to the worker thread for reuse. */
export interface RecycleMessage {
  kind: 'recycle';
  buffers: ArrayBuffer[];
}

/** The codes of a feed's issues that the main thread now only counts (see IssueLog.countedOnly). */
export interface CountOnlyMessage {
  kind: 'count-only';
  /** Index of the feed in the pass. */
  feed: number;
  codes: string[];
}

/** Raw CSV bytes holding whole records, cut at a record boundary by the main thread. */
export interface CsvUnit {
  kind: 'csv';
  seq: number;
  bytes: Uint8Array;
  /** Spreadsheet row of the first record in `bytes` (the header is row 1). */
  firstRow: number;
  delimiter: string;
  eol: Eol;
  /** The normalised header (null: column not read). */
  names: (string | null)[];
  /** Invalid UTF-8 was met in the file up to here: cells holding U+FFFD are errors. */
  invalidSeen: boolean;
}

/** XML items cut out of the document by the main thread, to be read into rows (see xmlItemRow). */
export interface XmlUnit {
  kind: 'xml';
  seq: number;
  items: ScannedItem[];
  /** Item number of the first item. */
  firstRow: number;
  options: XmlItemOptions;
}

/** Rows already read and mapped by the main thread (presets that read across rows, other formats). */
export interface MappedUnit {
  kind: 'mapped';
  seq: number;
  rows: MappedRow[];
}

/** Outcome of one product in one feed: not valid (it never reached the feed), an item, excluded by an error of the rules or the channel, or left out on purpose by a filter rule. */
export const OUTCOME = { none: 0, item: 1, excluded: 2, filtered: 3 } as const;

/** One feed's share of a unit: the encoded record bodies and who they belong to. */
export interface FeedPiece {
  /** UTF-8 bodies of the records, back to back. */
  bytes: Uint8Array;
  /** End offset in `bytes` of each record. */
  ends: Uint32Array;
  /** Index (into the unit's products) of each record's product. */
  owner: Uint32Array;
  /** Per product of the unit: its OUTCOME in this feed. */
  outcome: Uint8Array;
  /** The feed's issues as objects (a unit processed in the main thread); empty when `packed` holds them. */
  issues: Issue[];
  /** The feed's issues as bytes (a unit processed by a worker thread, see PackedIssues). */
  packed?: PackedIssues;
  /** Index of the product each issue (of `issues` or `packed`) belongs to. */
  issueOwner: Uint32Array;
}

/** What a unit gives: one entry per product candidate (mapped row), in catalog order. */
export interface UnitResult {
  seq: number;
  /** Spreadsheet row (or item number) of each product candidate. */
  rows: Int32Array;
  /** Its cleaned id (also when invalid), or null. */
  ids: (string | null)[];
  /** Canonical fields some row of the unit gave a value (and price_<CUR> extra columns), for the missing-column diagnostic. */
  seen: string[];
  /** 1 when it validated (before the duplicate-id check), 2 when the shop does not publish it, else 0. */
  valid: Uint8Array;
  /** Its catalog issues, or null when none. */
  issues: (Issue[] | null)[];
  /** Issues the unit's preset reports after its last row (reader issues of rows mapped to nothing). */
  tail: Issue[];
  feeds: FeedPiece[];
  /** A CSV unit's bytes, handed back for the next unit to be cut into. */
  input?: Uint8Array;
}

/** The buffers of a result, handed over to the main thread without a copy. */
export function transferList(r: UnitResult): ArrayBuffer[] {
  const list = new Set<ArrayBuffer>([r.rows.buffer as ArrayBuffer, r.valid.buffer as ArrayBuffer]);
  if (r.input) list.add(r.input.buffer as ArrayBuffer);
  for (const f of r.feeds) {
    for (const a of [f.bytes, f.ends, f.owner, f.outcome, f.issueOwner]) list.add(a.buffer as ArrayBuffer);
    if (f.packed) for (const a of [f.packed.bytes, f.packed.ends, f.packed.kind]) list.add(a.buffer as ArrayBuffer);
  }
  return [...list];
}
