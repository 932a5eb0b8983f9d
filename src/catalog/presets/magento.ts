import { blankRecord } from '../../util/blank-record.js';
import { info, warning, type Issue } from '../../issues/issue.js';
import type { MappedRow, Preset, PresetOptions, RawRow } from '../types.js';
import { absolute, applyOverrides, cell, extraOf, findColumns, mapped, PerColumns, put, splitList } from './row-kit.js';
import { parsePacked } from './packed-attributes.js';
import { markUnpublished } from './publication.js';
import { wearerFromPaths } from './wearer-from-path.js';

/** Magento 2 import/export CSV columns (and the older sample files' single `category`). */
const COLUMNS = {
  sku: ['sku'],
  storeView: ['store_view_code'],
  type: ['product_type'],
  name: ['name'],
  description: ['description'],
  shortDescription: ['short_description'],
  price: ['price'],
  specialPrice: ['special_price'],
  specialFrom: ['special_price_from_date'],
  specialTo: ['special_price_to_date'],
  urlKey: ['url_key'],
  baseImage: ['base_image'],
  additionalImages: ['additional_images'],
  categories: ['categories'],
  category: ['category'],
  qty: ['qty'],
  inStock: ['is_in_stock'],
  additional: ['additional_attributes'],
  variations: ['configurable_variations'],
  color: ['color'],
  size: ['size'],
  material: ['material'],
  pattern: ['pattern'],
  gender: ['gender'],
  ageGroup: ['age_group'],
  brand: ['manufacturer', 'brand'],
  gtin: ['gtin', 'ean', 'upc'],
  online: ['product_online', 'status'],
  visibility: ['visibility'],
} as const;
type Column = keyof typeof COLUMNS;

/** Attributes of `additional_attributes` that are canonical fields. */
const PACKED_FIELDS: Record<string, string> = {
  color: 'color',
  size: 'size',
  material: 'material',
  pattern: 'pattern',
  gender: 'gender',
  manufacturer: 'brand',
  brand: 'brand',
  gtin: 'gtin',
  ean: 'gtin',
  upc: 'gtin',
  mpn: 'mpn',
  age_group: 'age_group',
};

/** Container product types: their children (or nothing) are what customers buy. */
const NOT_SELLABLE = new Set(['configurable', 'grouped', 'bundle']);

interface Parent {
  sku: string;
  urlKey: string;
  description: string;
  /** Why the storefront does not show the configurable product (and so none of its variants), if it does not. */
  unpublished: string | undefined;
}

/** Magento's `visibility` of a product without its own page in the store. */
const NOT_VISIBLE = 'not visible individually';

/**
 * Why Magento's storefront does not show the product, or undefined when it does: `product_online`
 * (status) 2 or 0 is disabled; `visibility` "Not Visible Individually" has no page of its own,
 * which is right for a configurable product's variants (`asVariant`), whose page is the parent's.
 */
function publicationState(online: string, visibility: string, asVariant: boolean): string | undefined {
  const on = online.trim().toLowerCase();
  if (on === '2' || on === '0' || on === 'disabled') return `product_online ${JSON.stringify(online.trim())} (disabled)`;
  if (!asVariant && visibility.trim().toLowerCase() === NOT_VISIBLE) return `visibility ${JSON.stringify(visibility.trim())} without a configurable parent`;
  return undefined;
}

/** Magento's own url_key rule: lower case, runs of other characters become `-`. */
export function urlKeyOf(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Every category path without the root (`Default Category/Men/Tops` -> `Men > Tops`). */
function categoryPaths(categories: string, category: string): string[] {
  const paths: string[] = [];
  for (const path of splitList(categories)) {
    const parts = path.split('/').map((p) => p.trim()).filter(Boolean);
    if (parts.length > 1) paths.push(parts.slice(1).join(' > '));
  }
  if (paths.length) return paths;
  // Older sample files list category names one per line: the first two are the path.
  const lines = splitList(category, /\r?\n/);
  return lines.length ? [lines.slice(0, 2).join(' > ')] : [];
}

/** Multi-value cells (one per line, or `a|b`) become comma lists. */
const listValue = (v: string): string => splitList(v, /\r?\n|\|/).join(',');

function createMagentoMapper(options: PresetOptions) {
  const columns = new PerColumns((keys) => {
    const cols = findColumns(keys, COLUMNS);
    const consumed = new Set(Object.values(cols).filter((c): c is string => c !== undefined));
    return { keys, cols, consumed };
  });
  const parents = new Map<string, Parent>();
  let relative = false;
  /** Products whose gender / age_group came from their category paths (exports without such columns). */
  const fromPath = { gender: 0, age_group: 0 };
  const issues: Issue[] = [];

  /** Gender and age group from the category paths, for exports with no column for them (a row's own value wins). */
  function fillWearer(fields: Record<string, string>, paths: string[], noGender: boolean, noAgeGroup: boolean): void {
    if (!(noGender && fields.gender === undefined) && !(noAgeGroup && fields.age_group === undefined)) return;
    const wearer = wearerFromPaths(paths);
    if (noGender && fields.gender === undefined && wearer.gender) {
      fields.gender = wearer.gender;
      fromPath.gender++;
    }
    if (noAgeGroup && fields.age_group === undefined && wearer.age_group) {
      fields.age_group = wearer.age_group;
      fromPath.age_group++;
    }
  }

  return {
    /** Configurable rows come after their children: learn child sku -> parent first. */
    prepass(raw: RawRow): void {
      const { cols } = columns.get(raw.fields);
      const c = (k: Column) => cell(raw.fields, cols[k]);
      const variations = c('variations');
      if (c('type') !== 'configurable' || !variations || c('storeView')) return;
      const parent: Parent = {
        sku: c('sku'),
        urlKey: c('urlKey') || urlKeyOf(c('name')),
        description: c('description'),
        unpublished: publicationState(c('online'), c('visibility'), false),
      };
      for (const variant of variations.split('|')) {
        const childSku = parsePacked(variant).get('sku');
        if (childSku) parents.set(childSku, parent);
      }
    },

    map(raw: RawRow): MappedRow[] {
      const { keys, cols, consumed } = columns.get(raw.fields);
      const c = (k: Column) => cell(raw.fields, cols[k]);
      const type = c('type').toLowerCase();
      // Store-view rows translate a product already read; containers are not sold themselves.
      if (c('storeView') || NOT_SELLABLE.has(type)) return [];
      const fields: Record<string, string> = blankRecord();
      const extra = extraOf(raw.fields, keys, consumed);
      const sku = c('sku');
      const parent = parents.get(sku);
      put(fields, 'id', sku);
      put(fields, 'title', c('name').trim());
      put(fields, 'description', c('description') || c('shortDescription') || parent?.description);
      const urlKey = parent?.urlKey || c('urlKey') || c('name');
      if (urlKey) fields.link = absolute(`${urlKeyOf(urlKey)}.html`, options.baseUrl);
      const image = c('baseImage');
      if (image && image !== 'no_selection') fields.image_link = absolute(image, options.baseUrl, '/media/catalog/product');
      const more = splitList(c('additionalImages')).map((p) => absolute(p, options.baseUrl, '/media/catalog/product'));
      if (more.length) fields.additional_image_link = more.join(',');
      put(fields, 'price', c('price'));
      const special = c('specialPrice');
      if (special) {
        fields.sale_price = special;
        const from = c('specialFrom');
        const to = c('specialTo');
        if (from && to) fields.sale_price_effective_date = `${from}/${to}`;
      }
      const qty = c('qty').replace(/\.0+$/, '');
      put(fields, 'quantity', qty);
      const inStock = c('inStock');
      const available = inStock ? inStock === '1' : qty !== '' && Number(qty) > 0;
      if (inStock || qty) fields.availability = available ? 'in stock' : 'out of stock';
      const paths = categoryPaths(c('categories'), c('category'));
      put(fields, 'product_type', paths[0]);
      if (parent) fields.item_group_id = parent.sku;
      for (const k of ['color', 'size', 'material', 'pattern', 'gender', 'brand', 'gtin'] as const) {
        put(fields, k, listValue(c(k)));
      }
      put(fields, 'age_group', listValue(c('ageGroup')));
      for (const [key, value] of parsePacked(c('additional'))) {
        const target = PACKED_FIELDS[key];
        if (target && fields[target] === undefined) put(fields, target, listValue(value));
        else if (!target) extra[key] = value;
      }
      fillWearer(fields, paths, cols.gender === undefined, cols.ageGroup === undefined);
      if (!options.baseUrl && (fields.link || fields.image_link)) relative = true;
      const row = mapped(raw, fields, extra);
      applyOverrides(raw.fields, row, options.columns);
      const own = publicationState(c('online'), c('visibility'), parent !== undefined);
      const state = own ?? (parent?.unpublished && `its configurable product ${parent.sku}: ${parent.unpublished}`);
      return [state ? markUnpublished(row, state, options) : row];
    },

    finish(): Issue[] {
      if (relative) {
        issues.push(
          warning('magento.base_url.missing', 'Magento exports hold url keys and image paths, not URLs, and no base URL is set', {
            fix: 'Set catalog.base_url in shelfcast.yaml to the shop address (e.g. https://shop.example.com).',
          }),
        );
      }
      if (fromPath.gender || fromPath.age_group) {
        issues.push(
          info('magento.wearer.from_path', `gender of ${fromPath.gender} and age_group of ${fromPath.age_group} products were read from their category paths (Men, Women, Kids, Girls, Boys, Baby ...): the export has no column for them`, {
            fix: 'Check a product with shelfcast explain <id> --feed <feed>; to give your own values, export a gender or age_group attribute, or map a column with catalog: { columns: { gender: <column>, age_group: <column> } }.',
          }),
        );
      }
      return issues;
    },
  };
}

export const magento: Preset = {
  id: 'magento',
  title: 'Magento 2 import/export CSV',
  create: createMagentoMapper,
};
