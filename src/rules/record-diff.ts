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

/**
 * A record as leaf paths (`attributes.purchasable_offer[0].currency`), so a change deep inside a
 * marketplace payload shows as the one value that changed, not as two long JSON strings.
 * Arrays of plain strings stay one leaf (`additional_image_link`): their order is their content.
 */
function leaves(input: unknown, prefix: string, out: Map<string, FieldValue>): void {
  let value = input;
  if (value === null || value === undefined) return;
  if (typeof value === 'string' && (value.startsWith('{') || value.startsWith('['))) {
    // Marketplace records carry nested payloads as JSON text: compare inside them.
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      // Plain text that happens to start with a bracket.
    }
  }
  if (typeof value !== 'object' || value === null) {
    out.set(prefix, String(value));
    return;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    out.set(prefix, value as string[]);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(v, `${prefix}[${i}]`, out));
    return;
  }
  for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b));

/**
 * The leaf fields that differ between two records, in the order of the next record, then removed
 * fields. `ignore` names top-level fields that locate an item rather than describe it (a channel's
 * `locators`, such as the catalog row): they move when rows are inserted and are not a change.
 */
export function diffRecord(before: FeedRecord, after: FeedRecord, ignore: readonly string[] = []): FieldDiff[] {
  const strip = (r: FeedRecord) => (ignore.length ? Object.fromEntries(Object.entries(r).filter(([k]) => !ignore.includes(k))) : r);
  const a = new Map<string, FieldValue>();
  const b = new Map<string, FieldValue>();
  leaves(strip(before), '', a);
  leaves(strip(after), '', b);
  const out: FieldDiff[] = [];
  for (const [field, value] of b) if (!same(a.get(field), value)) out.push({ field, before: a.get(field), after: value });
  for (const [field, value] of a) if (!b.has(field)) out.push({ field, before: value });
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
  ignore: readonly string[] = [],
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
    const diff = diffRecord(record, now, ignore);
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
