import { TextDecoding } from '../../catalog/decode-text.js';
import { detectFormat } from '../../catalog/detect-format.js';
import { mapCatalog } from '../../catalog/map-catalog.js';
import { openBytes } from '../../catalog/open-bytes.js';
import { getPreset } from '../../catalog/presets/index.js';
import type { ReadOptions } from '../../catalog/read-options.js';
import { readXmlItemBatches } from '../../catalog/read-xml.js';
import type { CatalogSource } from '../../catalog/types.js';
import type { LoadedProject } from '../../config/load.js';
import type { Issue } from '../../issues/issue.js';
import { createMapper } from '../project-mapper.js';
import { catalogSource } from '../read-products.js';
import { openByteSource } from './byte-source.js';
import { csvUnits, READ_BY_ROWS } from './csv-units.js';
import { mappedUnits } from './mapped-units.js';
import type { BufferShelf } from './buffer-shelf.js';
import type { WorkUnit, XmlUnit } from './units.js';

export interface UnitSizes {
  /** Catalog bytes read per unit where workers read the bytes; default 256 KiB. */
  unitBytes?: number;
  /** Rows per unit where the main thread reads the rows; default 500. */
  unitRows?: number;
}

export interface CatalogUnitsOptions extends UnitSizes {
  /** `--catalog FILE`. */
  catalog?: string;
  cwd?: string;
  read?: ReadOptions;
  /** Problems of the catalog's header, reported with the first product. */
  onHeader: (issues: Issue[]) => void;
  /** Issues the main thread's preset reports after the last row. */
  onTail: (issues: Issue[]) => void;
  /** Buffers for the bytes of units. */
  shelf: BufferShelf;
}

/**
 * The catalog as units of work, in order. CSV and TSV under a preset that maps each row on its
 * own are cut into byte ranges of whole records, which workers read, map and validate; other
 * catalogs are read and mapped here (their presets may look across rows) and handed on as rows.
 */
export async function* catalogUnits(project: LoadedProject, options: CatalogUnitsOptions): AsyncGenerator<WorkUnit> {
  const source = catalogSource(project, options.catalog, options.cwd);
  const mapper = createMapper(project);
  let seq = 0;
  const nextSeq = () => seq++;
  const unitRows = options.unitRows ?? 500;
  const format = detectFormat(source);
  const rowLocal = getPreset(project.config.catalog.preset).rowLocal === true;
  if ((format === 'csv' || format === 'tsv') && rowLocal) {
    for await (const unit of csvUnits({
      source,
      tsv: format === 'tsv',
      bytes: await openByteSource(source, options.read),
      reopen: () => new TextDecoding(openBytes(source, options.read)),
      // 256 KiB, not 512: every unit in flight holds a body buffer per feed in a worker and the main
      // thread, and its rows live through the unit. Six feeds of 200,000 rows with two workers, old
      // and new alternated on a quiet machine: 268-271 -> 251-254 MiB, and 29.5 -> 26.2 CPU s
      // (medians; BENCHMARKS.md, ninth round).
      unitBytes: options.unitBytes ?? 256 * 1024,
      unitRows,
      nextSeq,
      shelf: options.shelf,
      mapper,
      onHeader: options.onHeader,
    })) {
      if (unit === READ_BY_ROWS) {
        yield* mappedUnits(mapCatalog(source, mapper, options.onTail, options.read), unitRows, nextSeq);
        return;
      }
      yield unit;
    }
    options.onTail(mapper.finish?.() ?? []);
    return;
  }
  if (format === 'xml' && rowLocal) {
    yield* xmlUnits(source, options, nextSeq);
    return;
  }
  yield* mappedUnits(mapCatalog(source, mapper, options.onTail, options.read), unitRows, nextSeq);
}

/** XML items cut here, about `unitBytes` of text a unit, read into rows by the workers. */
async function* xmlUnits(source: CatalogSource, options: CatalogUnitsOptions, nextSeq: () => number): AsyncGenerator<WorkUnit> {
  const unitChars = options.unitBytes ?? 512 * 1024;
  const decoding = new TextDecoding(openBytes(source, options.read));
  let unit: XmlUnit | undefined;
  let chars = 0;
  for await (const batch of readXmlItemBatches(source, decoding, options.read ?? {})) {
    for (let k = 0; k < batch.items.length; k++) {
      const item = batch.items[k]!;
      // A new unit where the reading options changed (invalid UTF-8 was met), so each unit has one.
      if (unit && unit.options.invalidSeen !== batch.options.invalidSeen) {
        yield unit;
        unit = undefined;
        chars = 0;
      }
      unit ??= { kind: 'xml', seq: nextSeq(), items: [], firstRow: batch.firstRow + k, options: batch.options };
      unit.items.push(item);
      chars += item.text.length;
      if (chars >= unitChars) {
        yield unit;
        unit = undefined;
        chars = 0;
      }
    }
  }
  if (unit) yield unit;
}
