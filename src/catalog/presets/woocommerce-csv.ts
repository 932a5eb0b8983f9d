import { blankRecord } from '../../util/blank-record.js';
import { info, warning, type Issue } from '../../issues/issue.js';
import type { MappedRow, PresetOptions, RawRow } from '../types.js';
import { absolute, applyOverrides, cell, extraOf, findColumns, mapped, PerColumns, put, splitList } from './row-kit.js';
import { optionField } from './option-fields.js';
import { markUnpublished } from './publication.js';

const COLUMNS = {
  id: ['ID'],
  type: ['Type'],
  sku: ['SKU'],
  name: ['Name'],
  short: ['Short description'],
  description: ['Description'],
  saleFrom: ['Date sale price starts'],
  saleTo: ['Date sale price ends'],
  inStock: ['In stock?'],
  stock: ['Stock'],
  weight: ['Weight (kg)'],
  salePrice: ['Sale price'],
  regularPrice: ['Regular price'],
  categories: ['Categories'],
  images: ['Images'],
  parent: ['Parent'],
  externalUrl: ['External URL'],
  gtin: ['GTIN, UPC, EAN, or ISBN', 'GTIN', 'EAN', 'Meta: _gtin'],
  brand: ['Brands', 'Brand'],
  published: ['Published'],
  visibility: ['Visibility in catalog'],
} as const;
type Column = keyof typeof COLUMNS;

/** Parents shown as one product but bought as their variations or members. */
const CONTAINERS = new Set(['variable', 'grouped']);

interface ParentInfo {
  sku: string;
  id: string;
  name: string;
  description: string;
  images: string;
  categories: string;
  /** Why the shop does not show the parent (and so its variations), if it does not. */
  unpublished: string | undefined;
}

/**
 * Why WooCommerce does not show the product, or undefined when it does: `Published` 0 (draft or
 * pending) or -1 (private), or `Visibility in catalog` hidden (in neither the shop nor search).
 */
export function wooPublicationState(published: string, visibility: string): string | undefined {
  const p = published.trim();
  if (p === '0' || p === '-1') return `Published ${JSON.stringify(p)} (${p === '0' ? 'draft' : 'private'})`;
  if (visibility.trim().toLowerCase() === 'hidden') return `Visibility in catalog ${JSON.stringify(visibility.trim())}`;
  return undefined;
}

/** The `Attribute N name` / `Attribute N value(s)` column pairs of a header. */
function attributePairs(keys: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const k of keys) {
    const m = /^Attribute (\d+) name$/i.exec(k);
    if (!m) continue;
    const values = keys.find((v) => v.toLowerCase() === `attribute ${m[1]} value(s)`);
    if (values) pairs.push([k, values]);
  }
  return pairs;
}

/** WooCommerce dates (`2024-05-01 00:00:00`) as ISO 8601. */
const isoDate = (v: string): string => v.trim().replace(' ', 'T');

/** WooCommerce product CSV export (Products > Export). */
export function createWooCsvMapper(options: PresetOptions) {
  const columns = new PerColumns((keys) => {
    const cols = findColumns(keys, COLUMNS);
    const pairs = attributePairs(keys);
    const consumed = new Set(Object.values(cols).filter((c): c is string => c !== undefined));
    for (const [n, v] of pairs) consumed.add(n).add(v);
    return { keys, cols, pairs, consumed };
  });
  const parents = new Map<string, ParentInfo>();
  let missingBase = false;
  let guessedLinks = 0;

  return {
    /** Remembers variable parents (by SKU and `id:ID`), whose variations may come before or after them. */
    prepass(raw: RawRow): void {
      const { cols } = columns.get(raw.fields);
      const c = (k: Column) => cell(raw.fields, cols[k]);
      if (!c('type').toLowerCase().includes('variable')) return;
      const info: ParentInfo = { sku: c('sku'), id: c('id'), name: c('name'), description: c('description') || c('short'), images: c('images'), categories: c('categories'), unpublished: wooPublicationState(c('published'), c('visibility')) };
      if (info.sku) parents.set(info.sku, info);
      if (info.id) parents.set(`id:${info.id}`, info);
    },

    map(raw: RawRow): MappedRow[] {
      const { keys, cols, pairs, consumed } = columns.get(raw.fields);
      const c = (k: Column) => cell(raw.fields, cols[k]);
      const types = splitList(c('type').toLowerCase());
      if (types.some((t) => CONTAINERS.has(t))) return [];
      const issues: Issue[] = [];
      const fields: Record<string, string> = blankRecord();
      const extra = extraOf(raw.fields, keys, consumed);
      const parentRef = c('parent');
      const parent = parentRef ? parents.get(parentRef) : undefined;
      const id = c('sku') || c('id');
      put(fields, 'id', id);
      put(fields, 'title', c('name') || parent?.name);
      put(fields, 'description', c('description') || c('short') || parent?.description);
      if (types.includes('variation')) {
        const group = parent?.sku || parentRef.replace(/^id:/, '');
        put(fields, 'item_group_id', group);
        if (!parentRef) {
          issues.push(warning('woocommerce.parent.missing', `row ${raw.row}: variation without Parent`, { row: raw.row, field: 'item_group_id', fix: 'Export the parent product with its variations.' }));
        }
      }
      const regular = c('regularPrice');
      const sale = c('salePrice');
      put(fields, 'price', regular || sale);
      if (regular && sale) {
        fields.sale_price = sale;
        if (c('saleFrom') && c('saleTo')) fields.sale_price_effective_date = `${isoDate(c('saleFrom'))}/${isoDate(c('saleTo'))}`;
      }
      const inStock = c('inStock').toLowerCase();
      if (inStock) fields.availability = inStock === '1' ? 'in stock' : inStock === 'backorder' ? 'backorder' : 'out of stock';
      put(fields, 'quantity', c('stock'));
      const images = splitList(c('images') || parent?.images || '').map((u) => absolute(u, options.baseUrl));
      put(fields, 'image_link', images[0]);
      if (images.length > 1) fields.additional_image_link = images.slice(1).join(',');
      const categories = c('categories') || parent?.categories || '';
      put(fields, 'product_type', splitList(categories)[0]);
      const weight = c('weight');
      if (weight) fields.shipping_weight = `${weight} kg`;
      put(fields, 'gtin', c('gtin'));
      put(fields, 'brand', c('brand'));
      for (const [n, v] of pairs) {
        const name = raw.fields[n] ?? '';
        const value = raw.fields[v] ?? '';
        if (!name || !value) continue;
        const field = optionField(name);
        if (field && fields[field] === undefined) fields[field] = value;
        else extra[`attribute:${name}`] = value;
      }
      const external = c('externalUrl');
      if (external) fields.link = external;
      else if (options.baseUrl) {
        const pageId = parent?.id || c('id');
        if (pageId) {
          fields.link = absolute(`/?post_type=product&p=${encodeURIComponent(pageId)}`, options.baseUrl);
          guessedLinks++;
        }
      } else missingBase = true;
      const row = mapped(raw, fields, extra, issues.length ? issues : undefined);
      applyOverrides(raw.fields, row, options.columns);
      const own = wooPublicationState(c('published'), c('visibility'));
      const state = own ?? (parent?.unpublished && `its parent product ${parent.sku || parent.id}: ${parent.unpublished}`);
      return [state ? markUnpublished(row, state, options) : row];
    },

    finish(): Issue[] {
      const out: Issue[] = [];
      if (missingBase) {
        out.push(
          warning('woocommerce.base_url.missing', 'WooCommerce CSV exports carry no product URLs, and no base URL is set', {
            fix: 'Set catalog.base_url in shelfcast.yaml to the shop address (links become <base_url>/?post_type=product&p=<ID>).',
          }),
        );
      }
      // Once per run, not per row: the guess is the same for every product.
      if (guessedLinks > 0) {
        out.push(
          info('woocommerce.link.guessed', `${guessedLinks} product links were made from WordPress post ids (${options.baseUrl}/?post_type=product&p=<ID>): the CSV export carries no product URL; WordPress redirects these to the product page, but channels compare the link with the page they land on`, {
            fix: 'Check that catalog.base_url is the address WordPress runs at, or map a column holding the product permalinks with catalog: { columns: { link: <column> } }.',
          }),
        );
      }
      return out;
    },
  };
}
