import { GOOGLE_TAXONOMY_DATA, GOOGLE_TAXONOMY_VERSION } from './google-taxonomy-data.js';

export { GOOGLE_TAXONOMY_VERSION };

export interface GoogleCategory {
  /** Numeric id as a string, e.g. `2271`. */
  id: string;
  /** Full path, e.g. `Apparel & Accessories > Clothing > Dresses`. */
  path: string;
}

let rows: Map<string, { parent: string; name: string }> | undefined;
const byId = new Map<string, GoogleCategory>();
let byPath: Map<string, GoogleCategory> | undefined;
const key = (path: string): string =>
  path
    .split('>')
    .map((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
    .join(' > ');

/** Every line of the taxonomy by id (about 5,600), read only for the path index and the count. */
function taxonomyRows(): Map<string, { parent: string; name: string }> {
  if (rows) return rows;
  rows = new Map();
  for (const line of GOOGLE_TAXONOMY_DATA.split('\n')) {
    const a = line.indexOf(':');
    const b = line.indexOf(':', a + 1);
    rows.set(line.slice(0, a), { parent: line.slice(a + 1, b), name: line.slice(b + 1) });
  }
  return rows;
}

/** The data with a line feed before its first line too, so that every line is found the same way. */
const LINES = `\n${GOOGLE_TAXONOMY_DATA}`;

/**
 * The line of `id` (`id:parent:name`), found in the data without reading the other lines: a catalog
 * names a few hundred categories, and reading all 5,600 lines took 11 ms in each thread of a pass.
 */
function lineOf(id: string): { parent: string; name: string } | undefined {
  if (rows) return rows.get(id);
  const at = LINES.indexOf(`\n${id}:`);
  if (at < 0) return undefined;
  const parent = at + id.length + 2;
  const name = LINES.indexOf(':', parent) + 1;
  const end = LINES.indexOf('\n', name);
  return { parent: LINES.slice(parent, name - 1), name: LINES.slice(name, end < 0 ? LINES.length : end) };
}

/** The category of `id` with its path, built when first asked for. */
function category(id: string): GoogleCategory | undefined {
  const hit = byId.get(id);
  if (hit) return hit;
  const row = lineOf(id);
  if (!row) return undefined;
  const cat = { id, path: row.parent === '' ? row.name : `${category(row.parent)!.path} > ${row.name}` };
  byId.set(id, cat);
  return cat;
}

/**
 * The index by normalised path, built only when a catalog names a category by its path: most
 * name it by id, and building and normalising 5,600 paths was most of the 50 ms that loading the
 * taxonomy took in each thread of a pass (a worker's start-up cost).
 */
function paths(): Map<string, GoogleCategory> {
  if (byPath) return byPath;
  const map = new Map<string, GoogleCategory>();
  for (const id of taxonomyRows().keys()) {
    const cat = category(id)!;
    map.set(key(cat.path), cat);
  }
  return (byPath = map);
}

/**
 * The Google product category named by `value`: a numeric id (`2271`) or a full path in the en-US
 * taxonomy (case and spacing around `>` ignored). Undefined when the taxonomy has no such category.
 */
export function resolveGoogleCategory(value: string): GoogleCategory | undefined {
  const hit = memo.get(value);
  if (hit !== undefined || memo.has(value)) return hit;
  const v = value.trim();
  const found = /^\d+$/.test(v) ? category(v) : paths().get(key(v));
  // Catalogs repeat a few hundred category values over many rows; the cap bounds odd inputs.
  if (memo.size < MEMO_LIMIT) memo.set(value, found);
  return found;
}

const MEMO_LIMIT = 10_000;
const memo = new Map<string, GoogleCategory | undefined>();

/** The ids of `category` and of every category above it, the category's first. */
export function googleAncestry(category: GoogleCategory): string[] {
  const ids: string[] = [];
  for (let id = category.id; id !== ''; id = lineOf(id)!.parent) ids.push(id);
  return ids;
}

/** Number of categories in the built-in taxonomy. */
export const googleCategoryCount = (): number => taxonomyRows().size;
