import path from 'node:path';
import type { LoadedProject } from '../../config/load.js';
import { fileStem, type SupplementalSourceConfig } from '../../config/project-schema.js';
import { ShelfcastError, warning, type Issue } from '../../issues/issue.js';
import { createSourceMapper } from '../../run/project-mapper.js';
import { mapCatalog } from '../map-catalog.js';
import type { ReadOptions } from '../read-options.js';
import type { CatalogSource } from '../types.js';
import type { JoinData, JoinSource, Winner } from './join-sources.js';
import { KeyedTableBuilder } from './keyed-table.js';
import { fieldValue, rowValues } from './source-fields.js';
import { sourcePriceConverter } from './source-prices.js';

/** A source's name: as configured, else its file name without extensions (`prices.csv.gz` -> `prices`). */
export function sourceName(config: { name?: string; path: string }): string {
  return config.name ?? fileStem(config.path);
}

/** Where a configured file is: an https URL as it is, a path against the project's folder. */
export function sourceLocation(project: LoadedProject, raw: string): string {
  return /^https?:\/\//i.test(raw) ? raw : path.resolve(project.root, raw);
}

/** How a configured catalog file (the primary or a supplemental source) at `location` is read. */
export function catalogFileSpec(location: string, s: Pick<SupplementalSourceConfig, 'format' | 'delimiter' | 'item_path' | 'json_path' | 'max_uncompressed_mb' | 'max_compression_ratio'>): CatalogSource {
  return {
    location,
    format: s.format,
    delimiter: s.delimiter === 'auto' ? undefined : s.delimiter,
    itemPath: s.item_path,
    jsonPath: s.json_path,
    decompression: { maxBytes: s.max_uncompressed_mb * 1024 * 1024, maxRatio: s.max_compression_ratio },
  };
}

/**
 * Reads one supplemental source into its keyed table, with the source's own preset and columns.
 * A row without a key, or with a key an earlier row has, is reported (with file and row) and left
 * out; the first row of a key stays.
 */
export async function loadSource(project: LoadedProject, config: SupplementalSourceConfig, issues: Issue[], options: ReadOptions = {}): Promise<JoinSource> {
  const name = sourceName(config);
  const file = config.path;
  const listed = config.fields === undefined ? undefined : Array.isArray(config.fields) ? config.fields : Object.keys(config.fields);
  const builder = new KeyedTableBuilder();
  const mapper = createSourceMapper(project, config);
  const c = project.config.catalog;
  const convert = sourcePriceConverter({ locale: config.locale, currency: config.currency }, { locale: c.locale, currency: c.currency });
  const raw = function* (row: Parameters<typeof fieldValue>[0]): Generator<[string, string]> {
    if (listed) {
      for (const f of listed) {
        const v = fieldValue(row, f);
        if (v !== undefined) yield [f, v];
      }
    } else for (const pair of rowValues(row)) if (pair[0] !== config.key) yield pair;
  };
  const values = convert
    ? function* (row: Parameters<typeof fieldValue>[0]): Generator<[string, string]> {
        for (const [f, v] of raw(row)) yield [f, convert(f, v)];
      }
    : raw;
  const tail: Issue[] = [];
  for await (const row of mapCatalog(catalogFileSpec(sourceLocation(project, config.path), config), mapper, (end) => tail.push(...end), options)) {
    for (const i of row.issues ?? []) issues.push({ ...i, file });
    const key = fieldValue(row, config.key)?.trim();
    if (!key) {
      issues.push(warning('catalog.source.key_missing', `the row has no ${config.key}, so it joins no item; it was left out`, { file, row: row.row, field: config.key, fix: `give every row of ${file} its ${config.key}` }));
      continue;
    }
    const first = builder.add(key, row.row, values(row));
    if (first !== undefined) {
      issues.push(
        warning('catalog.source.duplicate_key', `${config.key} "${key}" is also on row ${first} of ${file}; this row was left out (the first one is used)`, {
          file,
          row: row.row,
          id: key,
          field: config.key,
          fix: `keep one row per ${config.key} in ${file}`,
        }),
      );
    }
  }
  for (const i of tail) issues.push({ ...i, file });
  const table = builder.finish();
  const winnerOf = (field: string): Winner => (config.fields && !Array.isArray(config.fields) ? config.fields[field]! : config.mode);
  return { name, file, key: config.key, primaryKey: config.primary_key ?? config.key, winners: table.fields.map(winnerOf), table };
}

/** Every supplemental source of the project, loaded before the primary streams; undefined without any. */
export async function loadSources(project: LoadedProject, options: ReadOptions = {}): Promise<{ join: JoinData; issues: Issue[] } | undefined> {
  const c = project.config.catalog;
  if (c.sources.length === 0) return undefined;
  const issues: Issue[] = [];
  const sources: JoinSource[] = [];
  for (const [i, s] of c.sources.entries()) {
    try {
      sources.push(await loadSource(project, s, issues, options));
    } catch (err) {
      if (!(err instanceof ShelfcastError)) throw err;
      // The reader's message names the file; say which source it is, and where it is configured.
      throw new ShelfcastError(`catalog.sources[${i}] (${sourceName(s)}): ${err.message}`, { cause: err, exitCode: err.exitCode });
    }
  }
  return { join: { primary: sourceName(c), sources }, issues };
}
