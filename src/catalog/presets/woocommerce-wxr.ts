import { blankRecord } from '../../util/blank-record.js';
import type { Issue } from '../../issues/issue.js';
import type { MappedRow, PresetOptions, RawRow } from '../types.js';
import { applyOverrides, mapped, put, splitList } from './row-kit.js';
import { optionField } from './option-fields.js';
import { markUnpublished } from './publication.js';
import { titleWithOptions, VariantTitles } from './variant-title.js';
import { guessedLinkIssues, postIdLink, variationLink, type VariationAttribute } from './woocommerce-links.js';

/** Item fields the WXR mapping reads (everything else goes to `extra`). */
const CONSUMED = new Set([
  'title',
  'link',
  'content:encoded',
  'excerpt:encoded',
  'post_id',
  'post_parent',
  'post_type',
  'postmeta._sku',
  'postmeta._regular_price',
  'postmeta._sale_price',
  'postmeta._price',
  'postmeta._stock',
  'postmeta._stock_status',
  'postmeta._manage_stock',
  'postmeta._thumbnail_id',
  'postmeta._product_image_gallery',
  'postmeta._weight',
  'postmeta._variation_description',
  'postmeta._sale_price_dates_from',
  'postmeta._sale_price_dates_to',
  'category.product_cat',
  'category.product_type',
]);

const STOCK: Record<string, string> = { instock: 'in stock', outofstock: 'out of stock', onbackorder: 'backorder' };

interface Post {
  title: string;
  /** Why the shop does not show the product (and so its variations), if it does not. */
  unpublished: string | undefined;
  sku: string;
  link: string;
  description: string;
  category: string;
  images: string[];
}

/**
 * Why WooCommerce does not show the post, or undefined when it does: a `wp:status` other than
 * publish (draft, pending, future, trash; private is also how a disabled variation is stored), or a
 * product_visibility of both exclude-from-catalog and exclude-from-search ("hidden").
 */
function wxrPublicationState(f: Record<string, string>): string | undefined {
  const status = f.status ?? '';
  if (status !== '' && status !== 'publish') return `wp:status ${JSON.stringify(status)}`;
  const visibility = splitList(f['category.product_visibility'] ?? '');
  if (visibility.includes('exclude-from-catalog') && visibility.includes('exclude-from-search')) return 'product_visibility hidden (excluded from catalog and search)';
  return undefined;
}

/** A variation's attributes as stored in its postmeta (`attribute_pa_color` red, `attribute_logo` No). */
function variationAttributes(f: Record<string, string>): VariationAttribute[] {
  const out: VariationAttribute[] = [];
  for (const k in f) if (k.startsWith(ATTRIBUTE_META)) out.push({ key: k.slice(ATTRIBUTE_META.length), value: f[k]! });
  return out;
}
const ATTRIBUTE_META = 'postmeta.attribute_';

/** A product's attribute terms by taxonomy and slug (`pa_color` `red` -> Red), from its parallel category lists. */
function termNames(f: Record<string, string>): Map<string, string> {
  const names = (f.category ?? '').split(',');
  const domains = (f['category@domain'] ?? '').split(',');
  const slugs = (f['category@nicename'] ?? '').split(',');
  const out = new Map<string, string>();
  // A term name holding a comma would shift the lists; then the slugs stand for themselves.
  if (names.length !== domains.length || names.length !== slugs.length) return out;
  for (let i = 0; i < names.length; i++) if (domains[i]!.startsWith('pa_')) out.set(`${domains[i]}\u0000${slugs[i]}`, names[i]!.trim());
  return out;
}

/** WordPress eXtended RSS export of WooCommerce products (Tools > Export), read as XML items. */
export function createWooWxrMapper(options: PresetOptions) {
  const attachments = new Map<string, string>();
  const terms = new Map<string, Map<string, string>>();
  const variationTitles = new VariantTitles();
  let guessedLinks = 0;
  let missingBase = false;
  const products = new Map<string, Post & { thumb: string; gallery: string }>();
  const imagesOf = (thumb: string, gallery: string): string[] =>
    [thumb, ...splitList(gallery)].map((id) => attachments.get(id)).filter((u): u is string => u !== undefined);

  /** A post without a permalink: WordPress shows it at its post id (a variation: its parent's, with its attributes). */
  function guessLink(f: Record<string, string>, isVariation: boolean, attributes: VariationAttribute[]): string | undefined {
    const postId = (isVariation && f.post_parent !== '0' ? f.post_parent : f.post_id) ?? '';
    if (!postId) return undefined;
    if (!options.baseUrl) {
      missingBase = true;
      return undefined;
    }
    guessedLinks++;
    return variationLink(postIdLink(options.baseUrl, postId), attributes);
  }

  return {
    /** Attachments (image URLs by post id) and parent products may come anywhere in the file. */
    prepass(raw: RawRow): void {
      const f = raw.fields;
      if (f.post_type === 'attachment' && f.post_id && f.attachment_url) attachments.set(f.post_id, f.attachment_url);
      if (f.post_type === 'product_variation') {
        variationTitles.note(f.post_parent ?? '', f.title ?? '');
      }
      if (f.post_type === 'product' && f.post_id) {
        terms.set(f.post_id, termNames(f));
        products.set(f.post_id, {
          title: f.title ?? '',
          unpublished: wxrPublicationState(f),
          sku: f['postmeta._sku'] ?? '',
          link: f.link ?? '',
          description: f['content:encoded'] || f['excerpt:encoded'] || '',
          category: f['category.product_cat'] ?? '',
          images: [],
          thumb: f['postmeta._thumbnail_id'] ?? '',
          gallery: f['postmeta._product_image_gallery'] ?? '',
        });
      }
    },

    map(raw: RawRow): MappedRow[] {
      const f = raw.fields;
      const type = f.post_type ?? '';
      const productType = f['category.product_type'] ?? '';
      if ((type !== 'product' && type !== 'product_variation') || productType === 'variable' || productType === 'grouped') return [];
      const fields: Record<string, string> = blankRecord();
      const extra: Record<string, string> = blankRecord();
      for (const k in f) if (!CONSUMED.has(k) && f[k] !== '') extra[k] = f[k]!;
      const parent = type === 'product_variation' ? products.get(f.post_parent ?? '') : undefined;
      put(fields, 'id', f['postmeta._sku'] || f.post_id);
      const isVariation = type === 'product_variation';
      const attributes = isVariation ? variationAttributes(f) : [];
      const title = f.title ?? '';
      // A variation's title that is empty, its parent's, or shared with a sibling gets the attribute values.
      const shared = isVariation && variationTitles.shared(f.post_parent ?? '', title, parent?.title);
      const names = terms.get(f.post_parent ?? '');
      const values = attributes.map((a) => names?.get(`${a.key}\u0000${a.value}`) ?? a.value);
      put(fields, 'title', shared ? titleWithOptions(parent?.title || title, values, ', ') : title);
      put(fields, 'description', f['content:encoded'] || f['postmeta._variation_description'] || f['excerpt:encoded'] || parent?.description);
      put(fields, 'link', f.link || (parent?.link ? variationLink(parent.link, attributes) : undefined) || guessLink(f, isVariation, attributes));
      if (isVariation) put(fields, 'item_group_id', parent?.sku || f.post_parent);
      // `_price` repeats on variable products; the first value is the current price.
      const regular = f['postmeta._regular_price'] || splitList(f['postmeta._price'] ?? '')[0];
      const sale = f['postmeta._sale_price'];
      put(fields, 'price', regular);
      if (sale && regular) fields.sale_price = sale;
      put(fields, 'availability', STOCK[f['postmeta._stock_status'] ?? '']);
      if (f['postmeta._manage_stock'] === 'yes') put(fields, 'quantity', f['postmeta._stock']);
      const own = imagesOf(f['postmeta._thumbnail_id'] ?? '', f['postmeta._product_image_gallery'] ?? '');
      const images = own.length ? own : parent ? imagesOf(parent.thumb, parent.gallery) : [];
      put(fields, 'image_link', images[0]);
      if (images.length > 1) fields.additional_image_link = images.slice(1).join(',');
      put(fields, 'product_type', splitList(f['category.product_cat'] || parent?.category || '')[0]);
      if (f['postmeta._weight']) fields.shipping_weight = `${f['postmeta._weight']} kg`;
      // Variation attributes (`attribute_pa_color`) and taxonomy terms (`category.pa_color`).
      for (const k in f) {
        const m = /^(?:postmeta\.attribute_|category\.)(.+)$/.exec(k);
        if (!m || !f[k]) continue;
        const field = optionField(m[1]!.replace(/_/g, ' '));
        if (field && fields[field] === undefined) fields[field] = f[k]!;
      }
      const row = mapped(raw, fields, extra);
      applyOverrides(raw.fields, row, options.columns);
      const state = wxrPublicationState(f) ?? (parent?.unpublished && `its parent product ${parent.sku || f.post_parent}: ${parent.unpublished}`);
      return [state ? markUnpublished(row, state, options) : row];
    },

    finish(): Issue[] {
      return guessedLinkIssues(guessedLinks, missingBase, options.baseUrl, 'these WordPress XML items have no <link>');
    },
  };
}
