import type { Product } from '../../product/product.js';
import type { ItemIssues } from '../common/index.js';
import { VARIANT_LIST_SEPARATOR } from '../common/variants.js';

/**
 * eBay Inventory API Product.aspects: "Max Length for Aspect Name: 40, Max Length for Aspect
 * Value: 50". A longer value is cut (with a warning); a longer name is a different aspect once
 * cut, so that aspect is left out (with a warning) instead.
 */
export const ASPECT_LIMITS = { name: 40, value: 50 } as const;

/** Aspect name -> the catalog column that fills it, for fixes; other names come from `aspect:<Name>` columns. */
const COLUMNS: Record<string, string> = { Brand: 'brand', MPN: 'mpn', Color: 'color', Size: 'size', Material: 'material', Pattern: 'pattern', Department: 'gender' };

export const aspectColumn = (name: string): string => COLUMNS[name] ?? `aspect:${name}`;

/** Item specifics from the canonical fields, plus `aspect:<Name>` columns (values split on `|`), within eBay's limits. */
export function aspectsOf(p: Product, out: ItemIssues): Record<string, string[]> {
  const a: Record<string, string[]> = {};
  const add = (name: string, value: string | undefined) => {
    if (!value) return;
    if (name.length > ASPECT_LIMITS.name) {
      out.warn('aspects', 'name_too_long', `aspect "${name}" has a name of ${name.length} characters; eBay allows ${ASPECT_LIMITS.name}, so it was left out.`, { field: aspectColumn(name), fix: `Rename the column to aspect:<a name of at most ${ASPECT_LIMITS.name} characters>.` });
      return;
    }
    const values: string[] = [];
    for (const raw of value.split(VARIANT_LIST_SEPARATOR).map((v) => v.trim()).filter(Boolean)) {
      if (raw.length > ASPECT_LIMITS.value) out.warn('aspects', 'value_too_long', `aspect ${name}: "${raw}" has ${raw.length} characters; eBay allows ${ASPECT_LIMITS.value}, so it was cut.`, { field: aspectColumn(name), fix: `Shorten the value to at most ${ASPECT_LIMITS.value} characters.` });
      values.push(raw.slice(0, ASPECT_LIMITS.value).trim());
    }
    if (values.length) a[name] = values;
  };
  add('Brand', p.brand);
  add('MPN', p.mpn);
  add('Color', p.color);
  add('Size', p.size);
  add('Material', p.material);
  add('Pattern', p.pattern);
  add('Department', p.gender === 'male' ? 'Men' : p.gender === 'female' ? 'Women' : p.gender === 'unisex' ? 'Unisex Adults' : undefined);
  for (const [column, value] of Object.entries(p.extra)) {
    const m = /^aspect:\s*(.+)$/i.exec(column);
    if (m) add(m[1]!.trim(), value);
  }
  return a;
}

/**
 * An offer cannot be published without item specifics ("Publish offer note: This field is required
 * before an offer can be published"), nor without the aspects its category requires (those with
 * aspectConstraint.aspectRequired in the Taxonomy API's getItemAspectsForCategory, listed per
 * category in options.required_aspects). False, with one error per gap, when the item lacks them.
 */
export function checkAspects(aspects: Record<string, string[]>, categoryId: string, required: Record<string, string[]>, out: ItemIssues): boolean {
  if (Object.keys(aspects).length === 0) {
    out.error('aspects', 'missing', 'The item has no item specifics (aspects); eBay does not publish an offer without them, so the item is left out.', { field: 'brand', fix: 'Fill in brand (and color, size, material, ... or aspect:<Name> columns).' });
    return false;
  }
  const have = new Set(Object.keys(aspects).map((n) => n.toLowerCase()));
  let ok = true;
  for (const name of required[categoryId] ?? []) {
    if (have.has(name.toLowerCase())) continue;
    ok = false;
    out.error('aspects', 'required_missing', `eBay category ${categoryId} requires the item specific "${name}"; the item is left out.`, { field: aspectColumn(name), fix: `Fill in the ${aspectColumn(name)} column.` });
  }
  return ok;
}
