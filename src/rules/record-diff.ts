import type { FeedRecord, FieldValue } from '../channels/define-channel.js';

/** One field that differs between the published record and the next one; absent = not in the record. */
export interface FieldDiff {
  field: string;
  before?: FieldValue;
  after?: FieldValue;
}

export interface ItemChange {
  id: string;
  fields: FieldDiff[];
}

/** What the next run would change in one feed, compared with its last published records. */
export interface FeedPlan {
  feed: string;
  /** False when the feed was never published (then every item is added). */
  published: boolean;
  added: string[];
  removed: string[];
  changed: ItemChange[];
  counts: {
    added: number;
    removed: number;
    changed: number;
    unchanged: number;
    /** Changed items per field, most changed first. */
    fields: Record<string, number>;
  };
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields that differ between two records, in the order of the next record, then removed fields. */
export function diffRecord(before: FeedRecord, after: FeedRecord): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const [field, value] of Object.entries(after)) if (!same(before[field], value)) out.push({ field, before: before[field], after: value });
  for (const [field, value] of Object.entries(before)) if (!(field in after)) out.push({ field, before: value });
  return out;
}

/**
 * Compares the last published records (streamed) with the next run's (keyed by the same ids as
 * the snapshot): added in the next run's order, removed and changed in the published order.
 */
export async function diffRecords(
  feed: string,
  published: AsyncIterable<{ id: string; record: FeedRecord }> | Iterable<{ id: string; record: FeedRecord }>,
  next: ReadonlyMap<string, FeedRecord>,
): Promise<FeedPlan> {
  const seen = new Set<string>();
  const removed: string[] = [];
  const changed: ItemChange[] = [];
  const fields = new Map<string, number>();
  let unchanged = 0;
  let any = false;
  for await (const { id, record } of published) {
    any = true;
    const now = next.get(id);
    if (!now) {
      removed.push(id);
      continue;
    }
    seen.add(id);
    const diff = diffRecord(record, now);
    if (diff.length === 0) unchanged++;
    else {
      changed.push({ id, fields: diff });
      for (const d of diff) fields.set(d.field, (fields.get(d.field) ?? 0) + 1);
    }
  }
  const added = [...next.keys()].filter((id) => !seen.has(id));
  const sortedFields = Object.fromEntries([...fields].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  return {
    feed,
    published: any,
    added,
    removed,
    changed,
    counts: { added: added.length, removed: removed.length, changed: changed.length, unchanged, fields: sortedFields },
  };
}
