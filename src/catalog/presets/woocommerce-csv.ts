import { blankRecord } from '../../util/blank-record.js';
import { warning, type Issue } from '../../issues/issue.js';
import type { MappedRow, PresetOptions, RawRow } from '../types.js';
import { absolute, applyOverrides, cell, extraOf, findColumns, mapped, PerColumns, put, splitList } from './row-kit.js';
import { optionField } from './option-fields.js';
import { markUnpublished } from './publication.js';
import { titleWithOptions, VariantTitles } from './variant-title.js';
import { csvVariationAttribute, guessedLinkIssues, postIdLink, variationLink, type VariationAttribute } from './woocommerce-links.js';

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

/** The `Attribute N name` / `Attribute N value(s)` columns of a header, with `Attribute N global` when present. */
function attributePairs(keys: string[]): [name: string, values: string, global: string | undefined][] {
  const pairs: [string, string, string | undefined][] = [];
  for (const k of keys) {
    const m = /^Attribute (\d+) name$/i.exec(k);
    if (!m) continue;
    const values = keys.find((v) => v.toLowerCase() === `attribute ${m[1]} value(s)`);
    const global = keys.find((v) => v.toLowerCase() === `attribute ${m[1]} global`);
    if (values) pairs.push([k, values, global]);
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
    for (const [n, v, g] of pairs) {
      consumed.add(n).add(v);
      if (g) consumed.add(g);
    }
    return { keys, cols, pairs, consumed };
  });
  const parents = new Map<string, ParentInfo>();
  const variationNames = new VariantTitles();
  let missingBase = false;
  let guessedLinks = 0;

  return {
    /** Remembers variable parents (by SKU and `id:ID`), whose variations may come before or after them. */
    prepass(raw: RawRow): void {
      const { cols } = columns.get(raw.fields);
      const c = (k: Column) => cell(raw.fields, cols[k]);
      if (splitList(c('type').toLowerCase()).includes('variation')) {
        variationNames.note(c('parent'), c('name'));
      }
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
      const isVariation = types.includes('variation');
      const attributes: VariationAttribute[] = [];
      const optionValues: string[] = [];
      for (const [n, v, g] of pairs) {
        const name = raw.fields[n] ?? '';
        const value = raw.fields[v] ?? '';
        if (!name || !value) continue;
        const field = optionField(name);
        if (field && fields[field] === undefined) fields[field] = value;
        else extra[`attribute:${name}`] = value;
        if (!isVariation) continue;
        optionValues.push(value);
        attributes.push(csvVariationAttribute(name, value, g !== undefined && raw.fields[g]?.trim() === '1'));
      }
      // A variation's name that is empty, its parent's, or shared with a sibling gets the attribute values.
      const name = c('name');
      const shared = isVariation && variationNames.shared(parentRef, name, parent?.name);
      put(fields, 'title', shared ? titleWithOptions(parent?.name || name, optionValues, ', ') : name);
      put(fields, 'description', c('description') || c('short') || parent?.description);
      if (isVariation) {
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
      const external = c('externalUrl');
      if (external) fields.link = external;
      else if (options.baseUrl) {
        // A variation has no page of its own: it is its parent's page with the variation's attributes chosen.
        const pageId = parent?.id || (parentRef.startsWith('id:') ? parentRef.slice(3) : '') || c('id');
        if (pageId) {
          fields.link = variationLink(postIdLink(options.baseUrl, pageId), attributes);
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
      return guessedLinkIssues(guessedLinks, missingBase, options.baseUrl, 'the WooCommerce CSV export carries no product URL');
    },
  };
}
