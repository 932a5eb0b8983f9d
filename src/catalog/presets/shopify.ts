import { blankRecord } from '../../util/blank-record.js';
import { warning, type Issue } from '../../issues/issue.js';
import type { MappedRow, Preset, PresetOptions, RawRow } from '../types.js';
import { absolute, applyOverrides, cell, extraOf, findColumns, mapped, PerColumns, put } from './row-kit.js';
import { optionField } from './option-fields.js';
import { isFalse, markUnpublished } from './publication.js';
import { titleWithOptions } from './variant-title.js';

const COLUMNS = {
  handle: ['Handle'],
  title: ['Title'],
  body: ['Body (HTML)', 'Body HTML', 'Description'],
  vendor: ['Vendor'],
  category: ['Product Category'],
  type: ['Type'],
  published: ['Published', 'Published on online store'],
  status: ['Status'],
  o1n: ['Option1 Name'],
  o1v: ['Option1 Value'],
  o2n: ['Option2 Name'],
  o2v: ['Option2 Value'],
  o3n: ['Option3 Name'],
  o3v: ['Option3 Value'],
  sku: ['Variant SKU'],
  grams: ['Variant Grams'],
  tracker: ['Variant Inventory Tracker'],
  qty: ['Variant Inventory Qty', 'Inventory quantity'],
  policy: ['Variant Inventory Policy'],
  price: ['Variant Price'],
  compareAt: ['Variant Compare At Price'],
  barcode: ['Variant Barcode'],
  imageSrc: ['Image Src'],
  variantImage: ['Variant Image'],
  gCategory: ['Google Shopping / Google Product Category'],
  gGender: ['Google Shopping / Gender'],
  gAge: ['Google Shopping / Age Group'],
  gMpn: ['Google Shopping / MPN'],
  gCondition: ['Google Shopping / Condition'],
  l0: ['Google Shopping / Custom Label 0'],
  l1: ['Google Shopping / Custom Label 1'],
  l2: ['Google Shopping / Custom Label 2'],
  l3: ['Google Shopping / Custom Label 3'],
  l4: ['Google Shopping / Custom Label 4'],
} as const;
type Column = keyof typeof COLUMNS;

/** Product-level columns: Shopify writes them on a product's first row only; variant rows inherit them. */
const PRODUCT_LEVEL: Column[] = ['title', 'body', 'vendor', 'category', 'type', 'published', 'status', 'o1n', 'o2n', 'o3n', 'gCategory', 'gGender', 'gAge', 'gMpn', 'gCondition', 'l0', 'l1', 'l2', 'l3', 'l4'];
const OPTIONS: [Column, Column][] = [
  ['o1n', 'o1v'],
  ['o2n', 'o2v'],
  ['o3n', 'o3v'],
];

interface ProductInfo {
  variants: number;
  images: string[];
}

/**
 * Stock from Shopify's inventory columns: untracked stock (an empty `Variant Inventory Tracker` in
 * an export that has the column) is always available; without the columns it is unknown.
 */
function availability(hasTracker: boolean, tracker: string, qty: string, policy: string): string | undefined {
  if (!hasTracker && !tracker && !qty) return undefined;
  if (!tracker) return 'in stock';
  if (Number(qty) > 0) return 'in stock';
  return policy.toLowerCase() === 'continue' ? 'backorder' : 'out of stock';
}

/**
 * Why Shopify does not show the product on the online store, or undefined when it does: `Status`
 * draft or archived (only active products are sold), or `Published` FALSE (hidden from the store).
 */
function publicationState(status: string, published: string): string | undefined {
  const st = status.trim().toLowerCase();
  if (st !== '' && st !== 'active') return `Status ${JSON.stringify(status.trim())}`;
  if (isFalse(published)) return `Published ${JSON.stringify(published.trim())}`;
  return undefined;
}

function createShopifyMapper(options: PresetOptions) {
  const columns = new PerColumns((keys) => {
    const cols = findColumns(keys, COLUMNS);
    // Status and Published are read for the publication state and stay in extra, for rules.
    const consumed = new Set(Object.values(cols).filter((c): c is string => c !== undefined && c !== cols.status && c !== cols.published));
    return { keys, cols, consumed };
  });
  const products = new Map<string, ProductInfo>();
  let current: { handle: string; values: Record<string, string>; extra: Record<string, string>; images: string[] } | undefined;
  let missingBase = false;
  const finishIssues: Issue[] = [];

  const isVariantRow = (c: (k: Column) => string): boolean => c('sku') !== '' || c('price') !== '' || c('o1v') !== '';

  return {
    /** Counts each handle's variants and collects its images (image-only rows may follow the variants). */
    prepass(raw: RawRow): void {
      const { cols } = columns.get(raw.fields);
      const c = (k: Column) => cell(raw.fields, cols[k]);
      const handle = c('handle');
      if (!handle) return;
      let info = products.get(handle);
      if (!info) products.set(handle, (info = { variants: 0, images: [] }));
      if (isVariantRow(c)) info.variants++;
      const src = c('imageSrc');
      if (src && !info.images.includes(src)) info.images.push(src);
    },

    map(raw: RawRow): MappedRow[] {
      const { keys, cols, consumed } = columns.get(raw.fields);
      const c = (k: Column) => cell(raw.fields, cols[k]);
      const handle = c('handle');
      const issues: Issue[] = [];
      if (!handle) {
        issues.push(warning('shopify.handle.missing', `row ${raw.row} has no Handle`, { row: raw.row, fix: 'Every row of a Shopify export needs the product Handle.' }));
      }
      if (!current || current.handle !== handle || c('title') !== '') {
        const values: Record<string, string> = blankRecord();
        for (const k of PRODUCT_LEVEL) values[k] = c(k);
        // Unmapped product columns (Tags, Status, SEO...) also hold for the variant rows that follow.
        current = { handle, values, extra: extraOf(raw.fields, keys, consumed), images: [] };
      }
      const src = c('imageSrc');
      if (src && !current.images.includes(src)) current.images.push(src);
      // Image-only rows add pictures to the product; they are not products themselves.
      if (!isVariantRow(c)) return [];
      const p = (k: Column) => c(k) || current!.values[k] || '';
      const info = products.get(handle);
      const fields: Record<string, string> = blankRecord();
      const extra = extraOf(raw.fields, keys, consumed);
      for (const k in current.extra) if (extra[k] === undefined) extra[k] = current.extra[k]!;
      const hasOptions = p('o1n') !== '' && p('o1n') !== 'Title';
      const hasVariants = (info?.variants ?? 0) > 1 || hasOptions;
      const optionValues: string[] = [];
      for (const [n, v] of OPTIONS) {
        const name = p(n);
        const value = c(v);
        if (!name || !value || name === 'Title') continue;
        optionValues.push(value);
        const field = optionField(name);
        if (field) fields[field] = value;
        else extra[name] = value;
      }
      const sku = c('sku');
      if (sku) fields.id = sku;
      else if (handle) {
        fields.id = optionValues.length ? `${handle}-${optionValues.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : handle;
        if (hasVariants) {
          issues.push(warning('shopify.sku.missing', `row ${raw.row}: variant without Variant SKU; its id is made from the handle and options ("${fields.id}")`, { row: raw.row, field: 'id', fix: 'Give every variant a SKU so that its id stays stable.' }));
        }
      }
      // Variants share their product's title; like Shopify's own Google & YouTube app, each variant's
      // title gets its option values ("T-Shirt - Blue / M").
      put(fields, 'title', hasVariants ? titleWithOptions(p('title'), optionValues, ' / ') : p('title'));
      put(fields, 'description', p('body'));
      put(fields, 'brand', p('vendor'));
      put(fields, 'product_type', p('type'));
      put(fields, 'google_product_category', p('gCategory') || p('category'));
      put(fields, 'gender', fields.gender ?? p('gGender'));
      put(fields, 'age_group', p('gAge'));
      put(fields, 'mpn', p('gMpn'));
      put(fields, 'condition', p('gCondition'));
      for (let i = 0; i < 5; i++) put(fields, `custom_label_${i}`, p(`l${i}` as Column));
      if (handle) {
        fields.link = absolute(`/products/${encodeURIComponent(handle)}`, options.baseUrl);
        if (!options.baseUrl) missingBase = true;
      }
      if (hasVariants && handle) fields.item_group_id = handle;
      const images = info?.images.length ? info.images : current.images;
      const main = c('variantImage') || images[0];
      if (main) fields.image_link = absolute(main, options.baseUrl);
      const others = images.filter((i) => i !== main).map((i) => absolute(i, options.baseUrl));
      if (others.length) fields.additional_image_link = others.join(',');
      const price = c('price');
      const compareAt = c('compareAt');
      // Shopify's compare-at price is the regular price of an item on sale.
      if (compareAt && price && Number(compareAt) > Number(price)) {
        fields.price = compareAt;
        fields.sale_price = price;
      } else put(fields, 'price', price);
      put(fields, 'gtin', c('barcode'));
      const tracked = c('tracker');
      if (tracked) put(fields, 'quantity', c('qty'));
      put(fields, 'availability', availability(cols.tracker !== undefined, tracked, c('qty'), c('policy')));
      const grams = c('grams');
      if (grams && Number(grams) > 0) fields.shipping_weight = `${grams} g`;
      const row = mapped(raw, fields, extra, issues.length ? issues : undefined);
      applyOverrides(raw.fields, row, options.columns);
      const state = publicationState(p('status'), p('published'));
      return [state ? markUnpublished(row, state, options) : row];
    },

    finish(): Issue[] {
      if (missingBase) {
        finishIssues.push(
          warning('shopify.base_url.missing', 'Shopify product exports carry no product URLs, and no base URL is set', {
            fix: 'Set catalog.base_url in shelfcast.yaml to the shop address (links become <base_url>/products/<handle>).',
          }),
        );
      }
      return finishIssues;
    },
  };
}

export const shopify: Preset = {
  id: 'shopify',
  title: 'Shopify product CSV',
  create: createShopifyMapper,
};
