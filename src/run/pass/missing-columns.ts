import { readCatalog } from '../../catalog/read-catalog.js';
import { detectDelimiter } from '../../catalog/detect-delimiter.js';
import type { CatalogSource } from '../../catalog/types.js';
import type { LoadedFeed } from '../../config/load.js';
import { error, type Issue } from '../../issues/issue.js';

/** The issue code of a field that feeds require and no catalog column fills. */
export const COLUMN_MISSING_CODE = 'catalog.column_missing';
/** Fields a channel may require that only the catalog can give (condition, brand and the like have options or defaults). */
const CATALOG_FIELDS = new Set(['id', 'title', 'description', 'link', 'image_link', 'price', 'availability', 'quantity']);
const SHOWN_COLUMNS = 12;

/** A field a feed requires, and the fields that may stand in for it (eBay: quantity, else availability). */
interface Requirement {
  field: string;
  or: string[];
}

/**
 * The catalog fields `feed` requires, from its channel's attribute table: the required attributes
 * whose source is a catalog field without a fallback (no `else`, no option); `a, b` sources take
 * either. A field one of the feed's rules writes is left aside: the rule may fill it.
 */
export function requiredCatalogFields(feed: LoadedFeed): Requirement[] {
  const rules = JSON.stringify(feed.config.rules ?? []);
  const out: Requirement[] = [];
  for (const a of feed.channel.attributes) {
    if (!a.required || /\belse\b|option/.test(a.source)) continue;
    const fields = a.source.split(/\s*,\s*/).map((part) => /^[a-z_]+/.exec(part)?.[0] ?? '');
    const [field, ...or] = fields;
    if (!field || !CATALOG_FIELDS.has(field) || out.some((r) => r.field === field)) continue;
    if (fields.some((f) => rules.includes(`"field":"${f}"`))) continue;
    out.push({ field, or: or.filter((f) => f !== '') });
  }
  return out;
}

/** Whether some row gave `field` a value (a price_<CUR> column counts for price). */
const fed = (field: string, seen: ReadonlySet<string>): boolean => seen.has(field) || (field === 'price' && [...seen].some((k) => /^price_[A-Z]{3}$/.test(k)));

/** The first record's column names, for the message (local files only: a URL is not fetched twice). */
async function headerOf(source: CatalogSource): Promise<string[] | undefined> {
  if (/^https?:\/\//i.test(source.location)) return undefined;
  try {
    for await (const row of readCatalog(source)) return Object.keys(row.fields);
  } catch {
    // The pass itself reported what is wrong with the file.
  }
  return undefined;
}

/**
 * Once per run, for each field that a feed's channel requires and that no row of the catalog gave
 * a value: one error naming the feeds, the header that was read, the delimiter and the `columns:`
 * fix (instead of the same error on every item of every feed). Returns the issues and, per feed,
 * the item codes they stand for (`<channel>.<field>.missing`).
 */
export async function missingColumnIssues(
  feeds: LoadedFeed[],
  seen: ReadonlySet<string>,
  rows: number,
  source: CatalogSource,
  preset: string,
): Promise<{ issues: Issue[]; covered: Map<string, string[]> }> {
  const byField = new Map<string, LoadedFeed[]>();
  for (const feed of feeds) {
    for (const { field, or } of requiredCatalogFields(feed)) {
      if (fed(field, seen) || or.some((f) => fed(f, seen))) continue;
      let list = byField.get(field);
      if (!list) byField.set(field, (list = []));
      list.push(feed);
    }
  }
  const covered = new Map<string, string[]>();
  if (byField.size === 0 || rows === 0) return { issues: [], covered };
  const header = await headerOf(source);
  const tabular = source.format === undefined || source.format === 'csv' || source.format === 'tsv';
  const oneColumn = header !== undefined && header.length === 1;
  const likely = oneColumn ? detectDelimiter(header[0]!) : undefined;
  const shownHeader = header
    ? `the columns read are ${header.slice(0, SHOWN_COLUMNS).map((h) => JSON.stringify(h)).join(', ')}${header.length > SHOWN_COLUMNS ? `, ... (${header.length} in all)` : ''}`
    : 'the catalog is read from a URL';
  const split = source.delimiter ? `split at ${JSON.stringify(source.delimiter)} (catalog.delimiter)` : 'split at the detected delimiter';
  const delimiterText = !tabular
    ? ''
    : oneColumn && likely !== source.delimiter
      ? `, ${split}; the header was read as one column: the delimiter may be wrong (it looks like ${JSON.stringify(likely)}: set catalog.delimiter)`
      : `, ${split}`;
  const issues: Issue[] = [];
  for (const [field, list] of byField) {
    const names = list.map((f) => f.id);
    issues.push(
      error(
        COLUMN_MISSING_CODE,
        `no catalog column gives ${field}, which feed${names.length === 1 ? '' : 's'} ${names.join(', ')} require${names.length === 1 ? 's' : ''}: none of the ${rows} catalog items can go to ${names.length === 1 ? 'it' : 'them'}. With preset ${preset}, ${shownHeader}${delimiterText}`,
        {
          field,
          fix: `Map the column that holds ${field} in shelfcast.yaml: catalog: { columns: { ${field}: "<column name>" } }, or set catalog.preset to the shop system that wrote the file.`,
        },
      ),
    );
    for (const f of list) {
      const codes = covered.get(f.id) ?? [];
      codes.push(`${f.channel.id}.${field}.missing`);
      covered.set(f.id, codes);
    }
  }
  return { issues, covered };
}
