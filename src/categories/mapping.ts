import { GOOGLE_TAXONOMY_VERSION, resolveGoogleCategory } from '../channels/common/google-taxonomy.js';
import { ShelfcastError } from '../issues/issue.js';
import { fieldTexts, type WriteOptions } from '../rules/fields.js';
import { readTableFile } from '../rules/table-file.js';
import type { CompiledTransform } from '../rules/types.js';
import { write } from '../rules/write.js';
import { categoryAncestors, categoryKey } from './category-key.js';

export interface CategoryMappingConfig {
  /** CSV file relative to the feed file: header row, merchant category, Google category id or full path. */
  file: string;
  /** Field holding the merchant category; default `product_type`. */
  from: string;
  /** Field written; default `google_product_category`. */
  field: string;
  /** Replace a category the catalog already has; default false. */
  overwrite: boolean;
}

export interface CategoryMapping {
  /** Merchant category key (see categoryKey) -> Google category id. */
  ids: Map<string, string>;
  /** Absolute path of the mapping file. */
  path: string;
}

/**
 * Reads a category mapping file and checks every target against the built-in Google taxonomy:
 * an id or path the taxonomy does not have (unknown, or retired from it) is a config error.
 */
export function readCategoryMapping(file: string, baseDir: string, where: string): CategoryMapping {
  const table = readTableFile(file, baseDir, where);
  const ids = new Map<string, string>();
  // A file written without a header: its first line is a mapping, not column names.
  const first = table.header && table.header.value !== '' && resolveGoogleCategory(table.header.value) ? [table.header] : [];
  for (const row of [...first, ...table.rows]) {
    const category = row.value === '' ? undefined : resolveGoogleCategory(row.value);
    if (!category) {
      const what = row.value === '' ? 'no Google product category given' : /^\d+$/.test(row.value) ? `unknown or retired Google product category id ${row.value}` : `unknown Google product category "${row.value}"`;
      throw new ShelfcastError(
        `${where}: ${file} line ${row.line}: ${what} for "${row.key}" (not in the Google taxonomy ${GOOGLE_TAXONOMY_VERSION}; run \`shelfcast categories suggest\` for candidates)`,
      );
    }
    const key = categoryKey(row.key);
    const previous = ids.get(key);
    if (previous !== undefined && previous !== category.id) {
      throw new ShelfcastError(`${where}: ${file} line ${row.line}: "${row.key}" is mapped twice, to ${previous} and ${category.id}`);
    }
    ids.set(key, category.id);
  }
  return { ids, path: table.path };
}

/** The mapped Google id of a merchant category: its own entry, else its closest mapped ancestor. */
export function mapCategory(mapping: CategoryMapping, category: string): string | undefined {
  for (const key of categoryAncestors(category)) {
    const id = mapping.ids.get(key);
    if (id !== undefined) return id;
  }
  return undefined;
}

const MEMO_LIMIT = 10_000;

/** The `categories:` rule: fills the Google category from the merchant category. */
export function compileCategoryMapping(c: CategoryMappingConfig, baseDir: string, where: string, options: WriteOptions): CompiledTransform {
  const mapping = readCategoryMapping(c.file, baseDir, `${where}.file`);
  // Catalogs repeat a few hundred categories over many products: remember each one's answer.
  const memo = new Map<string, string | undefined>();
  const lookup = (category: string): string | undefined => {
    if (memo.has(category)) return memo.get(category);
    const id = mapCategory(mapping, category);
    if (memo.size < MEMO_LIMIT) memo.set(category, id);
    return id;
  };
  return {
    writes: [c.field],
    run: (p, env) => {
      if (!c.overwrite && fieldTexts(p, c.field).length > 0) return p;
      const [category] = fieldTexts(p, c.from);
      const id = category === undefined ? undefined : lookup(category);
      return id === undefined ? p : write(p, c.field, id, env, options);
    },
  };
}
