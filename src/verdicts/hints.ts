import type { ChannelIssue } from './model.js';

/**
 * What we could check before sending, by the catalog field a channel's issue names. The channel's
 * refusals teach our validation: each hint names the feed rule or channel check that would have
 * caught the item at build time, so the merchant fixes it once, in the catalog or the feed rules.
 */
const BY_FIELD: Record<string, string> = {
  gender: 'apparel needs gender, age_group, color and size: check `apparel` rules (a `default` rule for gender, or fill the catalog column gender)',
  age_group: 'apparel needs gender, age_group, color and size: check `apparel` rules (a `default` rule for age_group, or fill the catalog column age_group)',
  color: 'apparel and variants need color: check `apparel` rules (fill the catalog column color)',
  size: 'apparel and variants need size: check `apparel` rules (fill the catalog column size)',
  gtin: 'identifiers: give gtin (or brand with mpn); the gtin checks of the channel catch missing and invalid GTINs',
  mpn: 'identifiers: give gtin, or brand with mpn',
  brand: 'identifiers: give brand; a `default` rule for brand fills it per feed',
  image_link: 'images: the image must load (HTTP 200, a JPEG/PNG/GIF/WebP of at least 100x100, no watermark); check the catalog column image_link',
  additional_image_link: 'images: every additional image must load; check the catalog column additional_image_link',
  link: 'landing pages: the link must answer 200 and show the same price and availability',
  price: 'price: the feed price must equal the landing page price, in the feed currency; check `price` rules and the catalog column price',
  sale_price: 'sale price: below price, and its effective dates current; check the catalog columns sale_price and sale_price_effective_date',
  availability: 'availability: must match the landing page; with a stock ledger, check the allocation (`shelfcast stock`)',
  quantity: 'quantity: check the stock ledger or the catalog column quantity',
  shipping: 'shipping: give a shipping row for every target country, or set shipping in the channel account',
  title: 'title: no promotional text, all caps or overlong text; check `title` rules (template, truncate)',
  description: 'description: no promotional text or HTML left over; check `description` rules (strip_html, truncate)',
  google_product_category: 'category: map the product type to the channel taxonomy (`shelfcast categories`)',
  product_type: 'category: map the product type to the channel taxonomy (`shelfcast categories`)',
  condition: 'condition: new, refurbished or used, as the landing page says',
};

/** `Google: missing value [gender]: apparel needs ...`, or undefined when no check of ours fits. */
export function hintFor(channelTitle: string, issue: Pick<ChannelIssue, 'field' | 'message'>): string | undefined {
  const check = issue.field ? BY_FIELD[issue.field] : undefined;
  if (!check) return undefined;
  const named = issue.message.includes(`[${issue.field}]`) ? issue.message : `${issue.message} [${issue.field}]`;
  return `${channelTitle}: ${named}: ${check}`;
}
