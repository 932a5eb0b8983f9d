import type { FeedHeader, FeedTarget } from '../channels/define-channel.js';
import type { LoadedFeed, LoadedProject } from '../config/load.js';
import type { Product } from '../product/product.js';
import { createSerializer, type Serializer } from '../serializers/index.js';
import { feedColumns } from '../channels/render-feed.js';
import { createFeedProcessor, type FeedProcessor } from './feed-processor.js';
import { FeedOutput } from './feed-output.js';
import { IssueLog } from './issue-log.js';
import { readProducts } from './read-products.js';
import { ItemIndexWriter, recordKey } from './item-index.js';
import { stateDir } from './state-paths.js';
import { loadStockOverrides } from './stock-view.js';

export interface BuildOptions {
  /** `--catalog FILE`. */
  catalog?: string;
  cwd?: string;
  /** Folder the feeds are written to. */
  outDir: string;
  now: Date;
  /** `--only price,quantity`. */
  only?: string[];
  /** Called every few thousand rows with the number of rows read, for a progress line. */
  onProgress?: (rows: number) => void;
  /** Write the item index and the publish summary (for plan, the guard and rollback); off for `validate` and `--only`. */
  snapshot: boolean;
}

export interface BuiltFeed {
  feed: LoadedFeed;
  output: FeedOutput;
  snapshot?: ItemIndexWriter;
  /** Items the channel accepted (records may be more, for split variants). */
  items: number;
  records: number;
  /** Items excluded by an error of the rules or the channel. */
  excluded: number;
  /** Items a filter rule left out on purpose. */
  filtered: number;
  issues: IssueLog;
}

export interface BuildResult {
  items: { total: number; valid: number; invalid: number };
  /** Catalog issues (reading, mapping, validation). */
  issues: IssueLog;
  feeds: BuiltFeed[];
}

/**
 * `amazon.json` -> `amazon.update.json`: a partial update (`--only price,quantity`) is written
 * beside the full feed, never over it, so the full feed and its item index stay what was published.
 */
export function partialName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}.update${fileName.slice(dot)}` : `${fileName}.update`;
}

export function feedHeader(project: LoadedProject): FeedHeader {
  const shop = project.config.shop;
  return {
    title: shop.title ?? project.config.name,
    link: shop.link ?? 'https://example.com',
    description: shop.description ?? project.config.name,
  };
}

/** The feed's streaming serializer, as the build writes it (`plan` serializes its next records with it too). */
export function feedSerializer(project: LoadedProject, feed: LoadedFeed, target: FeedTarget): Serializer {
  return createSerializer({ format: feed.format, columns: feedColumns(feed.channel, target), header: feedHeader(project), options: feed.options });
}

/**
 * The one pass: read and validate the catalog once, and fan every valid product out to every
 * feed's rules, channel map and streaming serializer. Files are complete but not yet in place when
 * this returns: the caller commits or discards each feed (after the publish guard).
 */
export async function buildFeeds(project: LoadedProject, feeds: LoadedFeed[], options: BuildOptions): Promise<BuildResult> {
  const state = stateDir(project);
  const built: Array<BuiltFeed & { processor: FeedProcessor; stock?: (p: Product) => Product }> = [];
  const stock = loadStockOverrides(project, feeds);
  try {
    for (const feed of feeds) {
      const processor = createFeedProcessor(feed, { now: options.now, only: options.only });
      const serializer = feedSerializer(project, feed, processor.target);
      const output = new FeedOutput(options.outDir, options.only ? partialName(feed.fileName) : feed.fileName, feed.format, serializer);
      const snapshot = options.snapshot ? await ItemIndexWriter.create(state, feed.id) : undefined;
      built.push({ feed, processor, stock: stock?.get(feed.id), output, snapshot, items: 0, records: 0, excluded: 0, filtered: 0, issues: new IssueLog() });
    }
    const catalogIssues = new IssueLog();
    const counts = { total: 0, valid: 0, invalid: 0 };
    for await (const event of readProducts(project, { catalog: options.catalog, cwd: options.cwd })) {
      catalogIssues.add(event.issues);
      if (!event.item) {
        // Events without an item and without errors are end-of-catalog notes, not rows.
        if (event.issues.some((i) => i.severity === 'error')) {
          counts.total++;
          counts.invalid++;
        }
        continue;
      }
      counts.total++;
      counts.valid++;
      if (options.onProgress && counts.total % 5000 === 0) options.onProgress(counts.total);
      for (const b of built) {
        const r = b.processor.process(b.stock ? { product: b.stock(event.item.product), row: event.item.row } : event.item);
        if (r.issues.length) b.issues.add(r.issues);
        if (r.filtered) {
          b.filtered++;
          continue;
        }
        if (r.records.length === 0) {
          b.excluded++;
          continue;
        }
        b.items++;
        for (let k = 0; k < r.records.length; k++) {
          const record = r.records[k]!;
          const at = await b.output.write(record);
          b.records++;
          if (b.snapshot) await b.snapshot.add(recordKey(event.item.product.id, k, r.records.length), at);
        }
      }
    }
    for (const b of built) await b.output.close();
    return { items: counts, issues: catalogIssues, feeds: built };
  } catch (err) {
    for (const b of built) {
      await b.output.discard();
      await b.snapshot?.discard();
    }
    throw err;
  }
}
