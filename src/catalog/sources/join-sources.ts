import { warning, type Issue } from '../../issues/issue.js';
import type { MappedRow } from '../types.js';
import { KeyedTable, type KeyedTableData } from './keyed-table.js';
import { fieldValue, setFieldValue } from './source-fields.js';

/** Who wins a field: the supplemental source's non-empty value, or the primary's unless it is blank. */
export type Winner = 'override' | 'fill';

/** One loaded supplemental source, as it is handed to worker threads (structured-cloneable). */
export interface JoinSource {
  name: string;
  /** The source's path or URL as configured, for issues. */
  file: string;
  /** The primary's field whose value is looked up. */
  primaryKey: string;
  /** The source's field that holds the key, for messages. */
  key: string;
  /** Winner of each field of the table (`table.fields`). */
  winners: Winner[];
  table: KeyedTableData;
}

/** What the pass needs to join: the primary's name and the sources, in the order they apply. */
export interface JoinData {
  primary: string;
  sources: JoinSource[];
}

/** Keys of a source that match nothing, reported one by one up to this many; the rest as a count. */
const UNMATCHED_LISTED = 1000;

const isBlank = (v: string | undefined): boolean => v === undefined || v.trim() === '';

/**
 * Joins the supplemental sources onto the primary's mapped rows, before validation, so that every
 * value is validated (and reported) as if the primary held it. Reads shared tables only, so every
 * worker thread joins its own rows and the result is the same in any thread.
 */
export class SourceJoin {
  private readonly tables: KeyedTable[];

  constructor(readonly data: JoinData) {
    this.tables = data.sources.map((s) => new KeyedTable(s.table));
  }

  /**
   * Applies every source to the row, in order. With `provenance`, records there which source each
   * field of the result came from.
   */
  apply(row: MappedRow, provenance?: Record<string, string>): void {
    if (provenance) for (const [f] of Object.entries(row.fields)) provenance[f] = this.data.primary;
    if (provenance) for (const [c] of Object.entries(row.extra)) provenance[`extra.${c}`] = this.data.primary;
    for (let s = 0; s < this.tables.length; s++) {
      const source = this.data.sources[s]!;
      const key = fieldValue(row, source.primaryKey)?.trim();
      if (!key) continue;
      const table = this.tables[s]!;
      const entry = table.lookup(key);
      if (entry < 0) continue;
      const fields = table.data.fields;
      table.values(entry, (f, value) => {
        const field = fields[f]!;
        const winner = source.winners[f];
        if (winner === 'fill' && !isBlank(fieldValue(row, field))) return;
        setFieldValue(row, field, value);
        if (provenance) provenance[field] = source.name;
      });
    }
  }

  /** Per source, which keys this pass's rows asked for: a shard's share of the `unmatched` report. */
  hitBits(): Uint8Array[] {
    return this.tables.map((t) => t.hitBits());
  }

  /** Adds the keys other passes (the shards of a build) asked for, before `unmatched`. */
  addHits(bits: Uint8Array[]): void {
    if (bits.length !== this.tables.length || bits.some((b, s) => b.length !== Math.ceil(this.tables[s]!.size / 8))) {
      throw new Error('the shards read other supplemental sources than this merge (a source changed in between?)');
    }
    bits.forEach((b, s) => this.tables[s]!.addHits(b));
  }

  /** After the pass: every source's keys that no primary row asked for. */
  unmatched(): Issue[] {
    const out: Issue[] = [];
    for (let s = 0; s < this.tables.length; s++) {
      const source = this.data.sources[s]!;
      const table = this.tables[s]!;
      let n = 0;
      for (const e of table.unmatched()) {
        n++;
        if (n > UNMATCHED_LISTED) continue;
        const key = table.key(e);
        out.push(
          warning('catalog.source.unmatched', `${source.key} "${key}" of source ${source.name} matches no item of the catalog (by ${source.primaryKey}); its values were not used`, {
            file: source.file,
            row: table.row(e),
            id: key,
            field: source.key,
            fix: `add the item to the primary catalog, or remove the row from ${source.file}`,
          }),
        );
      }
      if (n > UNMATCHED_LISTED) {
        out.push(warning('catalog.source.unmatched', `and ${n - UNMATCHED_LISTED} more keys of source ${source.name} match no item of the catalog (${n} in all)`, { file: source.file }));
      }
    }
    return out;
  }
}
