import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { LoadedFeed, LoadedProject } from '../../config/load.js';
import type { Issue } from '../../issues/issue.js';
import { SourceJoin } from '../../catalog/sources/join-sources.js';
import { createValidator } from '../../product/validate.js';
import { catalogSource } from '../read-products.js';
import { catalogUnits, type UnitSizes } from './catalog-units.js';
import { UnitMerger, type MergeTarget, type PassCounts } from './merge-units.js';
import { createUnitProcessor } from './unit-processor.js';
import { missingColumnIssues } from './missing-columns.js';
import type { UnitResult, WorkUnit } from './units.js';
import { BufferShelf } from './buffer-shelf.js';
import { earlyWorkersStarted, stopEarlyWorkers } from './early-workers.js';
import { autoWorkersNow } from './worker-count.js';
import { UNITS_PER_WORKER, WorkerPool } from './worker-pool.js';

export interface PassOptions extends UnitSizes {
  /** `--catalog FILE`. */
  catalog?: string;
  cwd?: string;
  now: Date;
  /** `--only price,quantity`. */
  only?: string[];
  /** Called every few thousand rows with the number of rows read, for a progress line. */
  onProgress?: (rows: number) => void;
  /**
   * `--workers N`: worker threads; 0 reads, validates and formats in this thread. With fewer
   * workers than cores this thread processes units too. Default: one fewer than the spare cores for
   * a local catalog of 24 MiB or more (see autoWorkers), none otherwise.
   */
  workers?: number;
  /** Feeds whose required fields are checked against the catalog's columns; default the feeds built (validate: every feed). */
  diagnose?: LoadedFeed[];
  /**
   * A sharded build (`--shard K/N`): only the units whose number is K modulo N are processed, and
   * their results go to `sink` instead of the feeds (the merge applies them later, in order).
   */
  shard?: PassShard;
}

/** Which units a shard processes and where their results go. */
export interface PassShard {
  index: number;
  count: number;
  sink: (result: UnitResult) => Promise<void>;
}

export interface PassResult {
  counts: PassCounts;
  /** The catalog's issues (reading, mapping, validation), tail issues included. */
  issues: UnitMerger['issues'];
  /** Problems of the catalog's header and the main thread's tail issues, as the merger got them. */
  header: Issue[];
  tail: Issue[];
  /** A shard's digest of how the catalog was cut into units (every shard of a set must cut alike). */
  cut?: string;
  /** The stock allocation the pass used, when the project has `stock:`. */
  allocation?: Map<string, Map<string, number>>;
  /** With supplemental sources: per source, one bit per key a row of this pass matched. */
  sourceHits?: Uint8Array[];
}

/** One catalog error per required field no column gives; the per-item errors it stands for leave the feeds' logs. */
export async function reportMissingColumns(project: LoadedProject, feeds: LoadedFeed[], targets: MergeTarget[], merger: UnitMerger, options: PassOptions): Promise<void> {
  const rows = merger.counts.valid + merger.counts.invalid;
  const source = catalogSource(project, options.catalog, options.cwd);
  const { issues, covered } = await missingColumnIssues(options.diagnose ?? feeds, merger.seen, rows, source, project.config.catalog.preset);
  if (issues.length === 0) return;
  merger.issues.addFirst(issues);
  feeds.forEach((feed, k) => {
    const codes = covered.get(feed.id);
    if (codes) targets[k]!.issues.removeCodes(codes);
  });
}

async function chooseWorkers(project: LoadedProject, options: PassOptions): Promise<number> {
  if (options.workers !== undefined) return Math.max(0, Math.floor(options.workers));
  const source = catalogSource(project, options.catalog, options.cwd);
  if (/^https?:\/\//i.test(source.location)) return 0;
  const size = await stat(source.location).then(
    (s) => s.size,
    () => 0,
  );
  return autoWorkersNow(size);
}

/**
 * The one pass over the catalog: units of work (see catalog-units) are processed by worker threads
 * or in this thread, and merged in catalog order into the feeds' outputs (`targets`, one per feed of
 * `feeds`). At most two units per worker (and one of this thread's) are in flight, so memory stays
 * flat however long the catalog.
 */
export async function runPass(project: LoadedProject, feeds: LoadedFeed[], targets: MergeTarget[], options: PassOptions): Promise<PassResult> {
  const validator = createValidator({ locale: project.config.catalog.locale, currency: project.config.catalog.currency });
  const merger = new UnitMerger(validator, targets, options.onProgress);
  // The ledger (and its database driver) is loaded only for projects with a `stock:` section.
  const stockView = project.config.stock ? await import('../stock-view.js') : undefined;
  const allocation = stockView?.loadStockAllocation(project);
  const stores = stockView && feeds.some((f) => f.channel.id === 'google-local') ? stockView.loadStoreStock(project) : undefined;
  // Supplemental sources are read whole into shared tables before the primary streams.
  const sources = project.config.catalog.sources.length ? await (await import('../../catalog/sources/load-sources.js')).loadSources(project) : undefined;
  const join = sources && new SourceJoin(sources.join);
  const workers = await chooseWorkers(project, options);
  // The CLI loads while the early workers are being started; the pool adopts them once they are.
  await earlyWorkersStarted();
  let pool: WorkerPool | undefined;
  try {
    try {
      pool = workers > 0 ? new WorkerPool(workers, { configFile: project.configFile, feedIds: feeds.map((f) => f.id), feedFiles: [...new Set(feeds.map((f) => f.file))], now: options.now.getTime(), only: options.only, allocation, stores, sources: sources?.join }) : undefined;
    } finally {
      // Workers started early that this pass does not use would only take CPU from it (and,
      // left running after a failure, would keep the process alive).
      stopEarlyWorkers();
    }
    // With fewer workers than cores, this thread processes a unit too whenever every worker holds
    // its share, between merges: otherwise it sits idle most of the pass (merging, hashing and
    // writing take it about a third of the time), and each worker thread costs a heap and its own
    // warm-up. BENCHMARKS.md, tenth round.
    const helps = pool !== undefined && workers < availableParallelism();
    const limit = pool ? workers * UNITS_PER_WORKER + (helps ? 1 : 0) : 1;
    // In this thread one shelf serves both the cutting of units and the processing.
    const shelf = new BufferShelf(feeds.length + limit + 2);
    const process = !pool || helps ? createUnitProcessor({ project, feeds, now: options.now, only: options.only, allocation, stores, join }, shelf) : undefined;
    const inflight: Promise<UnitResult>[] = [];
    const mainTail: Issue[] = [];
    let header: Issue[] = [];
    const shard = options.shard;
    const units = catalogUnits(project, {
      catalog: options.catalog,
      cwd: options.cwd,
      unitBytes: options.unitBytes,
      unitRows: options.unitRows,
      onHeader: (issues) => {
        merger.headerIssues = issues;
        header = issues;
      },
      onTail: (issues) => mainTail.push(...issues),
      shelf,
    });
    // Per feed: how many codes the workers were told the log only counts (the list only grows).
    const told = feeds.map(() => 0);
    const merge = async (result: UnitResult) => {
      if (shard) await shard.sink(result);
      else await merger.apply(result);
      if (pool && !shard) {
        for (let k = 0; k < targets.length; k++) {
          const codes = targets[k]!.issues.countedOnly();
          if (codes.length > told[k]!) pool.countOnly(k, codes);
          told[k] = codes.length;
        }
      }
      // The bytes are in the files' write batches now: the buffers can be used again.
      if (result.input) shelf.put(result.input.buffer as ArrayBuffer);
      const made = result.feeds.map((f) => f.bytes.buffer as ArrayBuffer);
      if (!pool?.recycle(result.seq, made)) for (const b of made) shelf.put(b);
    };
    const cut = shard && createHash('sha256');
    for await (const unit of units) {
      cut?.update(unitShape(unit));
      if (shard && unit.seq % shard.count !== shard.index) {
        // Another shard's unit: every shard cuts the same units, this one only hands its bytes back.
        if (unit.kind === 'csv') shelf.put(unit.bytes.buffer as ArrayBuffer);
        continue;
      }
      const result = pool && !(helps && pool.full) ? pool.run(unit) : Promise.resolve(process!(unit));
      // Awaited in order below; a failure before its turn must not count as unhandled.
      result.catch(() => {});
      inflight.push(result);
      while (inflight.length >= limit) await merge(await inflight.shift()!);
    }
    while (inflight.length > 0) await merge(await inflight.shift()!);
    // Join problems come last, once: the sources' own rows, then the keys no item asked for. A
    // shard knows only its own rows' keys: it hands its hits on, and the merge reports (merge-shards).
    if (!shard) {
      merger.finish(join ? [...mainTail, ...sources!.issues, ...join.unmatched()] : mainTail);
      await reportMissingColumns(project, feeds, targets, merger, options);
    }
    return { counts: merger.counts, issues: merger.issues, header, tail: mainTail, allocation, cut: cut?.digest('hex'), ...(join ? { sourceHits: join.hitBits() } : {}) };
  } finally {
    await pool?.close();
  }
}

/** Where a unit starts and how much it holds, without its content: the same in every shard that cut it alike. */
function unitShape(unit: WorkUnit): string {
  if (unit.kind === 'csv') return `c${unit.seq}:${unit.firstRow}+${unit.bytes.length};`;
  if (unit.kind === 'xml') return `x${unit.seq}:${unit.firstRow}+${unit.items.length};`;
  return `m${unit.seq}:${unit.rows[0]?.row ?? 0}+${unit.rows.length};`;
}
