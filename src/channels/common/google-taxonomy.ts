import { GOOGLE_TAXONOMY_DATA, GOOGLE_TAXONOMY_VERSION } from './google-taxonomy-data.js';

export { GOOGLE_TAXONOMY_VERSION };

export interface GoogleCategory {
  /** Numeric id as a string, e.g. `2271`. */
  id: string;
  /** Full path, e.g. `Apparel & Accessories > Clothing > Dresses`. */
  path: string;
}

interface Index {
  byId: Map<string, GoogleCategory>;
  byPath: Map<string, GoogleCategory>;
}

let index: Index | undefined;
const key = (path: string): string =>
  path
    .split('>')
    .map((s) => s.trim().replace(/\s+/g, ' ').toLowerCase())
    .join(' > ');

/** Built on first use (about 5,600 categories), so channels that never need it pay nothing. */
function load(): Index {
  if (index) return index;
  const byId = new Map<string, GoogleCategory>();
  const byPath = new Map<string, GoogleCategory>();
  const rows = new Map<string, { parent: string; name: string }>();
  for (const line of GOOGLE_TAXONOMY_DATA.split('\n')) {
    const a = line.indexOf(':');
    const b = line.indexOf(':', a + 1);
    rows.set(line.slice(0, a), { parent: line.slice(a + 1, b), name: line.slice(b + 1) });
  }
  const pathOf = (id: string): string => {
    const row = rows.get(id)!;
    return row.parent === '' ? row.name : `${byId.get(row.parent)?.path ?? pathOf(row.parent)} > ${row.name}`;
  };
  for (const id of rows.keys()) {
    const cat = { id, path: pathOf(id) };
    byId.set(id, cat);
    byPath.set(key(cat.path), cat);
  }
  index = { byId, byPath };
  return index;
}

/**
 * The Google product category named by `value`: a numeric id (`2271`) or a full path in the en-US
 * taxonomy (case and spacing around `>` ignored). Undefined when the taxonomy has no such category.
 */
export function resolveGoogleCategory(value: string): GoogleCategory | undefined {
  const hit = memo.get(value);
  if (hit !== undefined || memo.has(value)) return hit;
  const v = value.trim();
  const { byId, byPath } = load();
  const found = /^\d+$/.test(v) ? byId.get(v) : byPath.get(key(v));
  // Catalogs repeat a few hundred category values over many rows; the cap bounds odd inputs.
  if (memo.size < MEMO_LIMIT) memo.set(value, found);
  return found;
}

const MEMO_LIMIT = 10_000;
const memo = new Map<string, GoogleCategory | undefined>();

/** Number of categories in the built-in taxonomy. */
export const googleCategoryCount = (): number => load().byId.size;
