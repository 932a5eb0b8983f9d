/**
 * WooCommerce variation links, made as WooCommerce makes them: WC_Product_Variation::get_permalink()
 * is the parent's permalink plus one `attribute_<key>=<value>` query parameter per attribute the
 * variation sets (attributes left at "any" are skipped), keys and values passed through PHP's
 * urlencode. A global attribute's key is `pa_<taxonomy slug>` and its value the term slug; a custom
 * attribute's key is the sanitized name and its value the text as entered
 * (includes/class-wc-product-variation.php and includes/import/abstract-wc-product-importer.php,
 * get_variation_attribute_key / get_variation_attribute_value). The WordPress XML export writes the
 * same links for variations (`?attribute_pa_color=red&attribute_logo=No`).
 */
import { info, warning, type Issue } from '../../issues/issue.js';
import { absolute } from './row-kit.js';

/** WordPress sanitize_title(): the slug WordPress makes from a name ("Light Blue" -> "light-blue"). */
export function sanitizeTitle(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&.+?;/g, '')
    .toLowerCase()
    .replace(/\./g, '-');
  // Letters remove_accents cannot reduce to ASCII stay, percent-encoded (utf8_uri_encode, lower case).
  const encoded = [...plain].map((ch) => (ch.charCodeAt(0) > 0x7f ? encodeURIComponent(ch).toLowerCase() : ch)).join('');
  return encoded
    .replace(/[^%a-z0-9 _-]/g, '')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** PHP urlencode(): letters, digits and `-_.` stay, a space becomes `+`, everything else `%XX`. */
export function phpUrlencode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** One attribute of a variation, as WooCommerce stores it (`pa_color` / `red`, `logo` / `No`). */
export interface VariationAttribute {
  key: string;
  value: string;
}

/** The attribute a WooCommerce CSV export names (`Attribute 1 name` Color, value Blue, global 1) stands for. */
export function csvVariationAttribute(name: string, value: string, global: boolean): VariationAttribute {
  return global ? { key: `pa_${sanitizeTitle(name)}`, value: sanitizeTitle(value) } : { key: sanitizeTitle(name), value };
}

/** The variation's own link: the parent's link with its attributes as query parameters (add_query_arg). */
export function variationLink(parentLink: string, attributes: readonly VariationAttribute[]): string {
  const set = attributes.filter((a) => a.value !== '');
  if (set.length === 0) return parentLink;
  const hash = parentLink.indexOf('#');
  const url = hash < 0 ? parentLink : parentLink.slice(0, hash);
  const fragment = hash < 0 ? '' : parentLink.slice(hash);
  const query = set.map((a) => `${phpUrlencode(`attribute_${a.key}`)}=${phpUrlencode(a.value)}`).join('&');
  return `${url}${url.includes('?') ? '&' : '?'}${query}${fragment}`;
}

/** The page WordPress shows for a post id (`<base>/?post_type=product&p=<ID>`), when the export has no permalink. */
export function postIdLink(baseUrl: string, postId: string): string {
  return absolute(`/?post_type=product&p=${encodeURIComponent(postId)}`, baseUrl);
}

/**
 * Said once per run, not per row (the guess is the same for every product): how many links were
 * made from post ids, why the export had none (`why`), and the fix.
 */
export function guessedLinkIssues(guessed: number, missingBase: boolean, baseUrl: string | undefined, why: string): Issue[] {
  const out: Issue[] = [];
  if (missingBase) {
    out.push(
      warning('woocommerce.base_url.missing', `${why.charAt(0).toUpperCase()}${why.slice(1)}, and no base URL is set`, {
        fix: 'Set catalog.base_url in shelfcast.yaml to the shop address (links become <base_url>/?post_type=product&p=<ID>).',
      }),
    );
  }
  if (guessed > 0) {
    out.push(
      info('woocommerce.link.guessed', `${guessed} product links were made from WordPress post ids (${baseUrl}/?post_type=product&p=<ID>): ${why}; WordPress redirects these to the product page, but channels compare the link with the page they land on`, {
        fix: 'Check that catalog.base_url is the address WordPress runs at, or map a column holding the product permalinks with catalog: { columns: { link: <column> } }.',
      }),
    );
  }
  return out;
}
