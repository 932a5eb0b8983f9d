import { CsvScanner } from '../catalog/fast-csv/scanner.js';
import type { ItemParser, ParsedItem } from './item-parser.js';
import { quotedTsvItem, quotedTsvLines } from './tsv-quoted-reader.js';

/**
 * One CSV or TSV line as fields named by the document's header row. Empty cells are left out, as
 * the XML and JSON formats leave out empty values: a value that became empty reads as removed.
 */
function fields(columns: readonly string[], cells: readonly string[]): ParsedItem {
  if (cells.length > columns.length) throw new Error(`${cells.length} cells for ${columns.length} columns`);
  const out: ParsedItem = Object.create(null) as ParsedItem;
  for (let i = 0; i < cells.length; i++) if (cells[i] !== '') out[columns[i]!] = cells[i];
  return out;
}

/**
 * The records of `text`, with the catalog's CSV scanner: csv-parse's reading without its per-call
 * cost (about 60 times the scan of one line). A scanner keeps what it detected at the start of its
 * document (byte order mark, line ending), so one scanner reads one document's lines.
 */
function csvRows(scanner: CsvScanner, text: string): string[][] {
  const rows: string[][] = [];
  scanner.scan(Buffer.from(text), true, rows);
  return rows;
}

export function csvItemParser(header: string, delimiter = ','): ItemParser {
  const scanner = new CsvScanner(delimiter);
  const columns = csvRows(scanner, header)[0] ?? [];
  return {
    body: (text) => text,
    parse(text) {
      const rows = csvRows(scanner, text);
      if (rows.length !== 1) throw new Error(`${rows.length} ${delimiter === ',' ? 'CSV' : 'TSV'} records where one item was written`);
      return fields(columns, rows[0]!);
    },
  };
}

/** TSV has no quoting: the serializer turns tabs and line breaks inside values into spaces. */
const tsvCells = (line: string): string[] => line.replace(/\r?\n$/, '').split('\t');

export function tsvItemParser(header: string): ItemParser {
  const columns = tsvCells(header);
  return { body: (text) => text, parse: (text) => fields(columns, tsvCells(text)) };
}

/** Google's quoted-fields TSV, read as Google reads it (repeated attributes quoted value by value). */
export function quotedTsvItemParser(header: string): ItemParser {
  const columns = (quotedTsvLines(header)[0] ?? []).map((c) => c.join(','));
  return {
    body: (text) => text,
    parse(text) {
      const lines = quotedTsvLines(text);
      if (lines.length !== 1) throw new Error(`${lines.length} TSV lines where one item was written`);
      return quotedTsvItem(columns, lines[0]!);
    },
  };
}
