import type { Issue } from '../issues/issue.js';
import type { CatalogSource, MappedRow, PresetMapper } from './types.js';
import { readCatalog, type ReadOptions } from './read-catalog.js';

/**
 * Reads a catalog and maps it with a preset mapper, as the pipeline needs it: a first pass over
 * the whole catalog when the preset declares `prepass` (it keeps only what prepass stores), then
 * one streamed pass that maps each row. After the last row, the preset's `finish` issues (and
 * reader issues of rows that mapped to nothing) go to `onFinish`.
 */
export async function* mapCatalog(
  source: CatalogSource,
  mapper: PresetMapper,
  onFinish: (issues: Issue[]) => void = () => {},
  options: ReadOptions = {},
): AsyncGenerator<MappedRow> {
  if (mapper.prepass) {
    for await (const raw of readCatalog(source, options)) mapper.prepass(raw);
  }
  for await (const raw of readCatalog(source, options)) {
    const rows = mapper.map(raw);
    // Most rows map to exactly one item; avoid the generic loop for them.
    if (rows.length === 1) yield rows[0]!;
    else for (const row of rows) yield row;
  }
  onFinish(mapper.finish?.() ?? []);
}
