/** Format of the ledger file (PRAGMA user_version); a change to the tables needs a new number and a migration. */
export const LEDGER_VERSION = 1;

/**
 * Events are append-only (triggers refuse UPDATE and DELETE); `key` is the idempotency key that
 * makes replays harmless. Incidents are one per offending event.
 */
export const LEDGER_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('count', 'reserved', 'shipped', 'cancelled', 'returned')),
  sku TEXT NOT NULL,
  location TEXT,
  channel TEXT,
  order_id TEXT,
  line_id TEXT,
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  at TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_sku ON events (sku, id);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'stock events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'stock events are append-only'); END;
CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY,
  event_key TEXT NOT NULL UNIQUE,
  sku TEXT NOT NULL,
  channel TEXT NOT NULL,
  order_id TEXT NOT NULL,
  line_id TEXT NOT NULL,
  units INTEGER NOT NULL,
  on_hand INTEGER NOT NULL,
  reserved INTEGER NOT NULL,
  safety INTEGER NOT NULL,
  at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  location TEXT,
  location_on_hand INTEGER,
  location_reserved INTEGER
);
CREATE INDEX IF NOT EXISTS incidents_by_sku ON incidents (sku, id);
`;

/**
 * Columns added to a table after its first format, with their SQL type: a ledger written before
 * gets them on opening (nullable, so its rows stay as they were and older versions still read it).
 */
export const ADDED_COLUMNS: ReadonlyArray<[table: string, column: string, type: string]> = [
  ['incidents', 'location', 'TEXT'],
  ['incidents', 'location_on_hand', 'INTEGER'],
  ['incidents', 'location_reserved', 'INTEGER'],
];
