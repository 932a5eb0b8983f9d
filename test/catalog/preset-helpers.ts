import type { Issue } from '../../src/issues/issue.js';
import { getPreset } from '../../src/catalog/presets/index.js';
import { mapCatalog } from '../../src/catalog/map-catalog.js';
import type { CatalogSource, MappedRow, PresetOptions, RawRow } from '../../src/catalog/types.js';

/** Runs a preset through mapCatalog (prepass, map, finish) and counts the rows the reader produced. */
export async function mapAll(
  source: CatalogSource | string,
  presetId: string,
  options: PresetOptions = {},
): Promise<{ rows: MappedRow[]; finish: Issue[]; read: number }> {
  const src = typeof source === 'string' ? { location: source } : source;
  const mapper = getPreset(presetId).create(options);
  let read = 0;
  const map = mapper.map.bind(mapper);
  mapper.map = (raw: RawRow) => {
    read++;
    return map(raw);
  };
  let finish: Issue[] = [];
  const rows: MappedRow[] = [];
  for await (const row of mapCatalog(src, mapper, (issues) => (finish = issues))) rows.push(row);
  return { rows, finish, read };
}

export const byId = (rows: MappedRow[], id: string): MappedRow => {
  const row = rows.find((r) => r.fields.id === id);
  if (!row) throw new Error(`no row with id ${id}`);
  return row;
};
