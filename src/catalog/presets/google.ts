import { blankRecord } from '../../util/blank-record.js';
import { compileStores, key } from '../../util/compiled-stores.js';
import type { Issue } from '../../issues/issue.js';
import type { MappedRow, Preset, PresetOptions, RawRow } from '../types.js';
import { shippingFromParts } from './google-shipping.js';
import { CANONICAL_SET } from './canonical-fields.js';
import { applyOverrides, mapped, PerColumns } from './row-kit.js';

/** Common non-Google spellings of Google fields, after normalisation (lower case, `_` for spaces). */
const ALIASES: Record<string, string> = {
  url: 'link',
  product_url: 'link',
  product_link: 'link',
  image: 'image_link',
  image_url: 'image_link',
  main_image: 'image_link',
  additional_image_links: 'additional_image_link',
  additional_images: 'additional_image_link',
  ean: 'gtin',
  upc: 'gtin',
  isbn: 'gtin',
  jan: 'gtin',
  barcode: 'gtin',
  stock: 'quantity',
  qty: 'quantity',
  inventory: 'quantity',
  name: 'title',
  manufacturer: 'brand',
  colour: 'color',
  category: 'product_type',
  sale_price_effective_date: 'sale_price_effective_date',
  item_group: 'item_group_id',
  custom_label0: 'custom_label_0',
  custom_label1: 'custom_label_1',
  custom_label2: 'custom_label_2',
  custom_label3: 'custom_label_3',
  custom_label4: 'custom_label_4',
};

/** The canonical field a column names, and whether it is an exact (not alias) match. */
export function googleField(column: string): { field: string; exact: boolean } | undefined {
  let n = column.trim().toLowerCase();
  if (n.startsWith('g:')) n = n.slice(2);
  n = n.replace(/[\s-]+/g, '_');
  if (CANONICAL_SET.has(n)) return { field: n, exact: true };
  // Own keys only: a column named `constructor` is not an alias of Object.
  const alias = Object.hasOwn(ALIASES, n) ? ALIASES[n] : undefined;
  return alias ? { field: alias, exact: false } : undefined;
}

type Sort = (source: Record<string, string>, fields: Record<string, string>, extra: Record<string, string>) => void;

interface Plan {
  /** Puts each non-empty cell in its canonical field or in extra. */
  sort: Sort;
  /** True when the row has flattened `<g:shipping>` sub-elements. */
  nestedShipping: boolean;
}

/**
 * The columns in order, exact names before aliases: the first non-empty column for a field wins,
 * the rest stay extra. Compiled to one literal store per column (see compileStores).
 */
function buildPlan(keys: string[], overridden: ReadonlySet<string>): Plan {
  const targets = keys.map((k) => {
    const hit = googleField(k);
    return hit && !overridden.has(hit.field) ? hit.field : undefined;
  });
  const exact = keys.map((k) => googleField(k)?.exact === true);
  const order = keys.map((_, i) => i).sort((a, b) => Number(exact[b]) - Number(exact[a]) || a - b);
  const claimed = new Set<string>();
  const lines = order.map((i) => {
    const column = key(keys[i]!);
    const target = targets[i];
    const toExtra = `extra[${column}] = v;`;
    let store = toExtra;
    if (target !== undefined) {
      // Only a later column for the same field can find it taken.
      store = claimed.has(target) ? `if (fields[${key(target)}] === undefined) fields[${key(target)}] = v; else ${toExtra}` : `fields[${key(target)}] = v;`;
      claimed.add(target);
    }
    return `v = source[${column}]; if (v !== '') { ${store} }`;
  });
  const sort = compileStores<Sort>('sortColumns', {}, ['source', 'fields', 'extra'], ['let v;', ...lines]);
  return { sort, nestedShipping: keys.some((k) => k.startsWith('shipping.')) };
}

/** Google's own column names (with or without `g:`, any case, spaces or underscores) and common aliases. */
export function createGoogleMapper(options: PresetOptions) {
  const overridden = new Set(Object.keys(options.columns ?? {}));
  const plans = new PerColumns((keys) => buildPlan(keys, overridden));
  return {
    map(raw: RawRow): MappedRow[] {
      const plan = plans.get(raw.fields);
      const fields: Record<string, string> = blankRecord();
      const extra: Record<string, string> = blankRecord();
      plan.sort(raw.fields, fields, extra);
      let issues: Issue[] | undefined;
      if (fields.shipping === undefined && plan.nestedShipping) {
        const { shipping, issue } = shippingFromParts(extra, raw.row);
        if (shipping) fields.shipping = shipping;
        if (issue) issues = [issue];
      }
      const row = mapped(raw, fields, extra, issues);
      applyOverrides(raw.fields, row, options.columns);
      return [row];
    },
  };
}

export const google: Preset = {
  id: 'google',
  title: 'Google product data (default)',
  rowLocal: true,
  create: createGoogleMapper,
};
