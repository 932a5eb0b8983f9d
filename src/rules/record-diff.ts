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

/** What the next run would change in one feed, compared with its last published items. */
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
    /**
     * Items in both whose fields could not be compared (the published files are gone or were
     * changed outside shelfcast; a warning says which); absent when fields were compared.
     */
    uncompared?: number;
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
 * The leaf fields that differ between two items, in the order of the next item, then removed
 * fields. `ignore` names top-level fields that locate an item rather than describe it (a channel's
 * `locators` such as the catalog row, a serializer's such as Amazon's messageId): they move when
 * rows are inserted and are not a change. Items are channel records or items read back from a file.
 */
export function diffRecord(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>, ignore: readonly string[] = []): FieldDiff[] {
  const strip = (r: Readonly<Record<string, unknown>>) => (ignore.length ? Object.fromEntries(Object.entries(r).filter(([k]) => !ignore.includes(k))) : r);
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
 * Collects a feed's plan from the published items, met in published order (removed and changed
 * keep that order), then the next run's keys (added keep theirs).
 */
export class PlanBuilder {
  private readonly seen = new Set<string>();
  private readonly removed: string[] = [];
  private readonly changed: ItemChange[] = [];
  private readonly fields = new Map<string, number>();
  private unchanged = 0;
  private uncompared: number | undefined;

  constructor(private readonly feed: string) {}

  /** A published item the next run does not have. */
  removedItem(id: string): void {
    this.removed.push(id);
  }

  /** A published item the next run has too, with the fields that differ (none: unchanged). */
  keptItem(id: string, diff: FieldDiff[]): void {
    this.seen.add(id);
    if (diff.length === 0) {
      this.unchanged++;
      return;
    }
    this.changed.push({ id, fields: diff });
    for (const d of diff) this.fields.set(d.field, (this.fields.get(d.field) ?? 0) + 1);
  }

  /** A published item the next run has too, whose fields cannot be compared. */
  uncomparedItem(id: string): void {
    this.seen.add(id);
    this.uncompared = (this.uncompared ?? 0) + 1;
  }

  /** The plan, given every key of the next run; `published` false when nothing was ever published. */
  plan(next: Iterable<string>, published: boolean): FeedPlan {
    const added: string[] = [];
    for (const id of next) if (!this.seen.has(id)) added.push(id);
    const fields = Object.fromEntries([...this.fields].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    const counts: FeedPlan['counts'] = { added: added.length, removed: this.removed.length, changed: this.changed.length, unchanged: this.unchanged, fields };
    if (this.uncompared !== undefined) counts.uncompared = this.uncompared;
    return { feed: this.feed, published, added, removed: this.removed, changed: this.changed, counts };
  }
}

/**
 * Compares the last published records (streamed; the legacy snapshot) with the next run's (keyed
 * by the same ids): added in the next run's order, removed and changed in the published order.
 */
export async function diffRecords(
  feed: string,
  published: AsyncIterable<{ id: string; record: FeedRecord }> | Iterable<{ id: string; record: FeedRecord }>,
  next: ReadonlyMap<string, FeedRecord>,
  ignore: readonly string[] = [],
): Promise<FeedPlan> {
  const plan = new PlanBuilder(feed);
  let any = false;
  for await (const { id, record } of published) {
    any = true;
    const now = next.get(id);
    if (now) plan.keptItem(id, diffRecord(record, now, ignore));
    else plan.removedItem(id);
  }
  return plan.plan(next.keys(), any);
}
