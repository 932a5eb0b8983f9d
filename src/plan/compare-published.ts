import type { FeedRecord, SerializerId } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import type { OpenedItemIndex } from '../run/item-index.js';
import { diffRecord, PlanBuilder, type FeedPlan, type FieldDiff } from '../rules/record-diff.js';
import { createItemParser, type ItemParser } from '../serializers/item-parser.js';
import { ChangedFile, PartReader } from './part-reader.js';
import type { PublishedCopy } from './published-copies.js';

/** The next run's items and how the next build writes them: what the published ones are compared with. */
export interface NextItems {
  serializer: SerializerId;
  records: ReadonlyMap<string, FeedRecord>;
  /**
   * A record's text as the next build writes it, without its separator (ItemParser.body). Asked
   * only while comparing: kept records share their strings with the catalog, kept texts would not.
   */
  text(record: FeedRecord): string;
  /** Parser of the next texts (built from the next header). */
  parser: ItemParser;
  /** File fields that locate an item rather than describe it (Serializer.locators). */
  locators: readonly string[];
}

export interface ComparedFeed {
  plan: FeedPlan;
  /** Items whose texts differ but could not be read back into fields (listed as changed, whole). */
  unreadable: { count: number; first?: string };
}

/**
 * The plan of a feed from its item index and a copy of the published files: each published item's
 * text, read where the index says, against the next text of the same key. Equal texts are
 * unchanged without parsing; the others are read back into fields on both sides and diffed leaf by
 * leaf. Throws ChangedFile when the copy does not hold what was published (then nothing is trusted).
 */
export async function compareWithCopy(feedId: string, index: OpenedItemIndex, copy: PublishedCopy, next: NextItems): Promise<ComparedFeed> {
  const plan = new PlanBuilder(feedId);
  const reader = new PartReader(copy.files);
  const parsers = new Map<number, ItemParser>();
  const unreadable: ComparedFeed['unreadable'] = { count: 0 };
  try {
    for await (const e of index.entries()) {
      const text = await reader.read(e);
      const record = next.records.get(e.key);
      if (record === undefined) {
        plan.removedItem(e.key);
        continue;
      }
      const after = next.text(record);
      let parser = parsers.get(e.part);
      if (!parser) parsers.set(e.part, (parser = createItemParser(next.serializer, reader.header(e.part))));
      const before = parser.body(text);
      if (before === after) {
        plan.keptItem(e.key, []);
        continue;
      }
      let diff: FieldDiff[];
      try {
        diff = diffRecord(parser.parse(before), next.parser.parse(after), next.locators);
      } catch (err) {
        unreadable.count++;
        unreadable.first ??= `${e.key}: ${(err as Error).message}`;
        diff = [{ field: '(item)', before, after }];
      }
      plan.keptItem(e.key, diff);
    }
    await reader.finish();
  } catch (err) {
    if (err instanceof ChangedFile || err instanceof ShelfcastError) throw err;
    throw new ShelfcastError(`${index.file}: the item index does not fit the published files (${(err as Error).message}); delete it, and the next build writes it again`, { cause: err });
  } finally {
    await reader.close();
  }
  return { plan: plan.plan(next.records.keys(), true), unreadable };
}

/** The plan by key only, when no copy of the published files can be read: added and removed, the rest not compared. */
export async function compareKeys(feedId: string, index: OpenedItemIndex, next: { has(key: string): boolean; keys(): Iterable<string> }): Promise<FeedPlan> {
  const plan = new PlanBuilder(feedId);
  for await (const e of index.entries()) {
    if (next.has(e.key)) plan.uncomparedItem(e.key);
    else plan.removedItem(e.key);
  }
  return plan.plan(next.keys(), true);
}
