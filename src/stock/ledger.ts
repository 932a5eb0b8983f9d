import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ShelfcastError } from '../issues/issue.js';
import { deriveNumbers, headroom, type SkuNumbers } from './derive.js';
import { lineKey, lineStateKey, toIsoTime, type LedgerEvent, type StoredEvent } from './events.js';
import { ADDED_COLUMNS, LEDGER_SCHEMA_SQL, LEDGER_VERSION } from './ledger-sql.js';

/** A sale that took a SKU below zero available, recorded when its event was appended. */
export interface OversellIncident {
  eventKey: string;
  sku: string;
  channel: string;
  order: string;
  line: string;
  /** Units sold beyond on_hand - reserved - safety by this event. */
  units: number;
  onHand: number;
  reserved: number;
  safety: number;
  at: string;
  recordedAt: string;
  /**
   * The warehouse or store the line named, when that location sold more than it has (on hand minus
   * its reservations), with its numbers after the event; a store can oversell while the SKU, with
   * the warehouse's stock, still has units.
   */
  location?: string;
  locationOnHand?: number;
  locationReserved?: number;
}

export interface ApplyResult {
  /** Events appended. */
  inserted: number;
  /** Events already in the ledger (replays). */
  ignored: number;
  incidents: OversellIncident[];
}

export interface ApplyOptions {
  /** `stock.safety`, used to judge oversells; default 0. */
  safety?: number;
  /** Clock for `recorded_at`; default `() => new Date()`. */
  now?: () => Date;
}

interface EventRow {
  id: number;
  key: string;
  kind: StoredEvent['kind'];
  sku: string;
  location: string | null;
  channel: string | null;
  order_id: string | null;
  line_id: string | null;
  quantity: number;
  at: string;
  recorded_at: string;
}

const toStored = (r: EventRow): StoredEvent => ({
  id: r.id,
  key: r.key,
  kind: r.kind,
  sku: r.sku,
  location: r.location,
  channel: r.channel,
  order: r.order_id,
  line: r.line_id,
  quantity: r.quantity,
  at: r.at,
  recordedAt: r.recorded_at,
});

/**
 * The shared-stock ledger: an append-only SQLite event log. Writers take the write lock up front
 * (BEGIN IMMEDIATE) so that the read-check-append of an oversell check is never interleaved with
 * another process; readers never block (WAL).
 */
export class StockLedger {
  readonly file: string;
  private readonly db: Database.Database;
  private eventsOfSku: Database.Statement<[string], EventRow> | undefined;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
  }

  /** Opens (creating when needed) the ledger at `file`; `:memory:` for a private in-memory ledger. */
  static open(file: string): StockLedger {
    let db: Database.Database | undefined;
    try {
      if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
      db = new Database(file);
      db.pragma('busy_timeout = 30000');
      if (file !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const opened = db;
      opened.transaction(() => {
        const version = opened.pragma('user_version', { simple: true }) as number;
        if (version > LEDGER_VERSION) {
          throw new ShelfcastError(`${file}: the stock ledger was written by a newer shelfcast (format ${version}); upgrade shelfcast`);
        }
        if (version < LEDGER_VERSION) {
          opened.exec(LEDGER_SCHEMA_SQL);
          opened.pragma(`user_version = ${LEDGER_VERSION}`);
        }
        for (const [table, column, type] of ADDED_COLUMNS) {
          const has = (opened.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).some((c) => c.name === column);
          if (!has) opened.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
        }
      }).immediate();
      return new StockLedger(file, opened);
    } catch (cause) {
      db?.close();
      if (cause instanceof ShelfcastError) throw cause;
      const why = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
      throw new ShelfcastError(`${file}: cannot open the stock ledger: ${why} (check that the state folder is writable)`, { cause });
    }
  }

  close(): void {
    this.db.close();
  }

  /**
   * Appends events in one write transaction. Replayed events (same idempotency key, same
   * cumulative quantity) are ignored. An order-line event that takes on_hand - reserved - safety
   * below zero is appended anyway (the sale happened) and recorded as an oversell incident.
   */
  apply(events: readonly LedgerEvent[], options: ApplyOptions = {}): ApplyResult {
    const safety = options.safety ?? 0;
    const now = (options.now ?? (() => new Date()))().toISOString();
    const insert = this.db.prepare(
      `INSERT INTO events (key, kind, sku, location, channel, order_id, line_id, quantity, at, recorded_at)
       VALUES (@key, @kind, @sku, @location, @channel, @order, @line, @quantity, @at, @recordedAt)
       ON CONFLICT(key) DO NOTHING`,
    );
    const quantityOf = this.db.prepare<[string], { quantity: number }>('SELECT quantity FROM events WHERE key = ?');
    const insertIncident = this.db.prepare(
      `INSERT INTO incidents (event_key, sku, channel, order_id, line_id, units, on_hand, reserved, safety, at, recorded_at, location, location_on_hand, location_reserved)
       VALUES (@eventKey, @sku, @channel, @order, @line, @units, @onHand, @reserved, @safety, @at, @recordedAt, @location, @locationOnHand, @locationReserved)
       ON CONFLICT(event_key) DO NOTHING`,
    );
    const cache = new Map<string, StoredEvent[]>();
    const eventsOf = (sku: string): StoredEvent[] => {
      let list = cache.get(sku);
      if (!list) cache.set(sku, (list = this.events(sku)));
      return list;
    };

    const run = this.db.transaction((): ApplyResult => {
      const result: ApplyResult = { inserted: 0, ignored: 0, incidents: [] };
      for (const e of events) {
        // Times are compared as strings, so every one is stored in the same ISO 8601 UTC form.
        const at = toIsoTime(e.at);
        if (at === undefined || !Number.isSafeInteger(e.quantity) || e.quantity < 0) {
          throw new ShelfcastError(`stock event for SKU ${e.sku}: ${at === undefined ? `"${e.at}" is not a time` : `quantity ${e.quantity} is not a whole number >= 0`}; nothing was recorded`);
        }
        const row = e.kind === 'count'
          ? { key: e.key, kind: e.kind, sku: e.sku, location: e.location, channel: null, order: null, line: null, quantity: e.quantity, at, recordedAt: now }
          : { key: lineKey(e), kind: e.kind, sku: e.sku, location: e.location ?? null, channel: e.channel, order: e.order, line: e.line, quantity: e.quantity, at, recordedAt: now };
        // Loaded before the insert: the oversell check compares the SKU without and with the event.
        // Counts need no check, so a large import does not read the SKUs' history.
        const list = e.kind === 'count' ? cache.get(e.sku) : eventsOf(e.sku);
        let info = insert.run(row);
        if (info.changes === 0 && e.kind !== 'count' && quantityOf.get(row.key)?.quantity !== e.quantity) {
          row.key = lineStateKey(row.key, e.quantity);
          info = insert.run(row);
        }
        if (info.changes === 0) {
          result.ignored++;
          continue;
        }
        result.inserted++;
        const stored: StoredEvent = { ...row, id: Number(info.lastInsertRowid) };
        if (e.kind === 'count' || !list) {
          list?.push(stored);
          continue;
        }
        const before = deriveNumbers(e.sku, list, safety);
        list.push(stored);
        const after = deriveNumbers(e.sku, list, safety);
        const total = oversold(headroom(before), headroom(after));
        const loc = e.location;
        // Only a location the ledger has counted has a stock of its own to oversell.
        const atLoc = loc === undefined || after.counts[loc] === undefined ? 0 : oversold(locationRoom(before, loc), locationRoom(after, loc));
        if (total > 0 || atLoc > 0) {
          const incident: OversellIncident = {
            eventKey: row.key, sku: e.sku, channel: e.channel, order: e.order, line: e.line,
            units: Math.max(total, atLoc), onHand: after.onHand, reserved: after.reserved, safety, at, recordedAt: now,
            ...(atLoc > 0 ? { location: loc, locationOnHand: after.locations[loc!]!.onHand, locationReserved: after.locations[loc!]!.reserved } : {}),
          };
          insertIncident.run({ location: null, locationOnHand: null, locationReserved: null, ...incident });
          result.incidents.push(incident);
        }
      }
      return result;
    });
    return run.immediate();
  }

  /** Every event of one SKU, in the order they were recorded. */
  events(sku: string): StoredEvent[] {
    this.eventsOfSku ??= this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE sku = ? ORDER BY id');
    return this.eventsOfSku.all(sku).map(toStored);
  }

  /** Every SKU with at least one event, sorted. */
  skus(): string[] {
    return this.db.prepare<[], { sku: string }>('SELECT DISTINCT sku FROM events ORDER BY sku').all().map((r) => r.sku);
  }

  numbers(sku: string, safety: number): SkuNumbers {
    return deriveNumbers(sku, this.events(sku), safety);
  }

  /**
   * The numbers of every SKU, sorted by SKU: one pass over the events, one SKU in memory at a time.
   * Consume it before using the ledger again (SQLite keeps the connection busy while it reads).
   */
  *allNumbers(safety: number): Generator<SkuNumbers> {
    let sku: string | undefined;
    let group: StoredEvent[] = [];
    for (const row of this.db.prepare<[], EventRow>('SELECT * FROM events ORDER BY sku, id').iterate()) {
      if (row.sku !== sku) {
        if (sku !== undefined) yield deriveNumbers(sku, group, safety);
        sku = row.sku;
        group = [];
      }
      group.push(toStored(row));
    }
    if (sku !== undefined) yield deriveNumbers(sku, group, safety);
  }

  incidents(sku?: string): OversellIncident[] {
    const rows = sku === undefined
      ? this.db.prepare('SELECT * FROM incidents ORDER BY id').all()
      : this.db.prepare('SELECT * FROM incidents WHERE sku = ? ORDER BY id').all(sku);
    return (rows as Record<string, any>[]).map((r) => ({
      eventKey: r.event_key, sku: r.sku, channel: r.channel, order: r.order_id, line: r.line_id, units: r.units,
      onHand: r.on_hand, reserved: r.reserved, safety: r.safety, at: r.at, recordedAt: r.recorded_at,
      ...(r.location !== null && r.location !== undefined ? { location: r.location, locationOnHand: r.location_on_hand, locationReserved: r.location_reserved } : {}),
    }));
  }

  /** Number of events, for reports and tests. */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  }
}

/** Units an event sold beyond the room there was: none unless it took the room below zero. */
function oversold(before: number, after: number): number {
  return after < 0 && after < before ? Math.min(before - after, -after) : 0;
}

/** What one location may still sell: its on hand minus its reservations. */
function locationRoom(n: SkuNumbers, location: string): number {
  const l = n.locations[location];
  return l ? l.onHand - l.reserved : 0;
}
