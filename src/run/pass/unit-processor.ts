import { CsvRowBuilder } from '../../catalog/csv-rows.js';
import { CsvScanner } from '../../catalog/fast-csv/scanner.js';
import { xmlItemRow } from '../../catalog/xml-item-row.js';
import type { MappedRow, RawRow } from '../../catalog/types.js';
import type { LoadedFeed, LoadedProject } from '../../config/load.js';
import type { Issue } from '../../issues/issue.js';
import type { CatalogItem } from '../../product/product.js';
import { createValidator, type Validator } from '../../product/validate.js';
import type { FeedRecord } from '../../channels/define-channel.js';
import type { SourceJoin } from '../../catalog/sources/join-sources.js';
import { bodyPartsOf } from '../../serializers/serializer.js';
import { createFeedProcessor, type FeedProcessor } from '../feed-processor.js';
import { createMapper } from '../project-mapper.js';
import { stockOverrides, type StockOverride } from '../stock-overrides.js';
import { feedSerializer } from '../feed-serializer.js';
import type { BufferShelf } from './buffer-shelf.js';
import type { IssuePacker } from './packed-issues.js';
import { PieceEncoder, RecentLongParts } from './piece-encoder.js';
import { OUTCOME, type CsvUnit, type FeedPiece, type UnitResult, type WorkUnit, type XmlUnit } from './units.js';

/** What a unit processor needs besides the units: the same in every worker thread and in-process. */
export interface PassSetup {
  project: LoadedProject;
  feeds: LoadedFeed[];
  now: Date;
  /** `--only price,quantity`. */
  only?: string[];
  /** The stock allocation of the run (SKU -> stock channel -> quantity), when the project has `stock:`. */
  allocation?: Map<string, Map<string, number>>;
  /** For local inventory feeds: SKU -> ledger location -> units (see loadStoreStock). */
  stores?: Map<string, Map<string, number>>;
  /** The supplemental sources, joined onto each mapped row before it is validated; none without `catalog.sources`. */
  join?: SourceJoin;
}

interface FeedLane {
  processor: FeedProcessor;
  /** The serializer's record bodies as parts (see Serializer.bodyParts). */
  bodyParts: (record: FeedRecord, out: string[]) => void;
  stock?: StockOverride;
  /** In a worker thread: the feed's issues go to the main thread as bytes (see PackedIssues). */
  packer?: IssuePacker;
}

/** Per unit: the results being gathered for one feed. */
class FeedGather {
  readonly encoder: PieceEncoder;
  readonly outcome: number[] = [];
  readonly issues: Issue[] = [];
  readonly issueOwner: number[] = [];

  constructor(
    shelf: BufferShelf,
    recent: RecentLongParts,
    private readonly packer: IssuePacker | undefined,
  ) {
    this.encoder = new PieceEncoder(shelf, recent);
  }

  addIssue(issue: Issue, owner: number): void {
    if (this.packer) this.packer.add(issue);
    else this.issues.push(issue);
    this.issueOwner.push(owner);
  }

  finish(): FeedPiece {
    const piece: FeedPiece = { ...this.encoder.finish(), outcome: Uint8Array.from(this.outcome), issues: this.issues, issueOwner: Uint32Array.from(this.issueOwner) };
    if (this.packer) piece.packed = this.packer.finish();
    return piece;
  }
}

/**
 * Turns units into results: rows (read and mapped here for CSV units) -> validation without the
 * duplicate-id check -> every feed's rules, channel map and record bodies. Pure per unit, so any
 * thread may process any unit; the merger applies what spans units. `packers` (one per feed): a
 * worker thread's feed issues go to the main thread as bytes (see PackedIssues); in the main thread
 * they stay objects, of which the issue log stringifies only those it keeps.
 */
export function createUnitProcessor(setup: PassSetup, shelf: BufferShelf, packers?: IssuePacker[]): (unit: WorkUnit) => UnitResult {
  const { project, feeds } = setup;
  const options = { locale: project.config.catalog.locale, currency: project.config.catalog.currency };
  const validator = createValidator(options);
  // CSV units' values are the scanner's UTF-8 decodings (presets only cut them at ASCII
  // delimiters): their validator skips the surrogate check (see hasIllegalCharsDecoded). Not when a
  // source join may put in values of other origins (a JSON source's "\ud800" escape is one).
  const decodedValidator = createValidator({ ...options, decoded: true });
  const stock = setup.allocation && stockOverrides(setup.allocation, feeds, setup.stores);
  const lanes: FeedLane[] = feeds.map((feed, k) => {
    const processor = createFeedProcessor(feed, { now: setup.now, only: setup.only });
    return { processor, bodyParts: bodyPartsOf(feedSerializer(project, feed, processor.target)), stock: stock?.get(feed.id), packer: packers?.[k] };
  });

  const join = setup.join;
  return (unit) => {
    const gather = new UnitGather(unit.kind === 'csv' && !join ? decodedValidator : validator, lanes, shelf);
    const add = join
      ? (row: MappedRow) => {
          join.apply(row);
          gather.add(row);
        }
      : (row: MappedRow) => gather.add(row);
    if (unit.kind === 'mapped') {
      for (const row of unit.rows) add(row);
      return gather.finish(unit.seq, []);
    }
    // A fresh mapper per unit: its finish() then names this unit's rows only.
    const mapper = createMapper(project);
    const map = (raw: RawRow) => {
      for (const row of mapper.map(raw)) add(row);
    };
    if (unit.kind === 'csv') readCsvUnit(unit, map);
    else readXmlUnit(unit, map);
    const result = gather.finish(unit.seq, mapper.finish?.() ?? []);
    if (unit.kind === 'csv') result.input = unit.bytes;
    return result;
  };
}

/**
 * Records scanned and processed at a time. Scanning the whole unit first kept every cell of it
 * alive until its last row was done, and each young-generation collection copied them all; a few
 * dozen at a time die young and are still in the cache when their row is processed.
 */
const RECORDS_PER_STEP = 32;

/** The rows of a CSV unit, scanned with the rules the main thread cut it by. */
function readCsvUnit(unit: CsvUnit, emit: (row: RawRow) => void): void {
  const scanner = new CsvScanner(unit.delimiter, { eol: unit.eol });
  const records: string[][] = [];
  const bytes = Buffer.from(unit.bytes.buffer, unit.bytes.byteOffset, unit.bytes.length);
  const builder = new CsvRowBuilder(unit.names);
  let row = unit.firstRow;
  for (let at = 0; at < bytes.length; ) {
    records.length = 0;
    at = scanner.scan(bytes, true, records, scanner.records + RECORDS_PER_STEP, at);
    for (let k = 0; k < records.length; k++) {
      const raw = builder.build(records[k]!, row++, unit.invalidSeen);
      if (raw) emit(raw);
    }
    if (records.length === 0) break;
  }
}

/** The items of an XML unit, read into rows as the streaming reader reads them. */
function readXmlUnit(unit: XmlUnit, emit: (row: RawRow) => void): void {
  for (let k = 0; k < unit.items.length; k++) emit(xmlItemRow(unit.items[k]!, unit.firstRow + k, unit.options));
}

class UnitGather {
  private readonly rows: number[] = [];
  private readonly ids: (string | null)[] = [];
  private readonly valid: number[] = [];
  private readonly issues: (Issue[] | null)[] = [];
  private readonly feeds: FeedGather[];
  /** One record's body parts, reused. */
  private readonly parts: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly validator: Validator,
    private readonly lanes: FeedLane[],
    shelf: BufferShelf,
  ) {
    const recent = new RecentLongParts();
    this.feeds = lanes.map((lane) => new FeedGather(shelf, recent, lane.packer));
  }

  add(row: MappedRow): void {
    const fields = row.fields;
    for (const k in fields) if (fields[k] !== '' && !this.seen.has(k)) this.seen.add(k);
    if (row.extra) for (const k in row.extra) if (k.startsWith('price_') && !this.seen.has(k)) this.seen.add(k);
    const verdict = this.validator.check(row);
    const index = this.rows.length;
    this.rows.push(row.row);
    this.ids.push(verdict.id ?? null);
    this.valid.push(verdict.item ? 1 : verdict.unpublished ? 2 : 0);
    this.issues.push(verdict.issues.length ? verdict.issues : null);
    const item = verdict.item;
    for (let f = 0; f < this.lanes.length; f++) {
      const gather = this.feeds[f]!;
      if (!item) {
        gather.outcome.push(OUTCOME.none);
        continue;
      }
      const lane = this.lanes[f]!;
      const input: CatalogItem = lane.stock ? { product: lane.stock(item.product), row: item.row } : item;
      const r = lane.processor.process(input);
      for (const i of r.issues) gather.addIssue(i, index);
      gather.outcome.push(r.filtered ? OUTCOME.filtered : r.records.length === 0 ? OUTCOME.excluded : OUTCOME.item);
      for (const record of r.records) {
        this.parts.length = 0;
        lane.bodyParts(record, this.parts);
        gather.encoder.add(this.parts, index);
      }
    }
  }

  finish(seq: number, tail: Issue[]): UnitResult {
    return {
      seq,
      rows: Int32Array.from(this.rows),
      ids: this.ids,
      seen: [...this.seen],
      valid: Uint8Array.from(this.valid),
      issues: this.issues,
      tail,
      feeds: this.feeds.map((g) => g.finish()),
    };
  }
}
