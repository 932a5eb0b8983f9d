import { limitText, type FeedPrices, type ItemIssues } from '../common/index.js';
import { formatAmount } from '../../product/money-format.js';
import type { Money, Product } from '../../product/product.js';
import { lookupByPrefix } from '../common/prefix-table.js';
import { ebayCondition, type EbayOptions } from './listing-options.js';

/** eBay Inventory API limits (characters or entries). */
export const EBAY_LIMITS = { sku: 50, title: 80, description: 4000, images: 24 } as const;

/** Marketplaces with Strikethrough Pricing (PricingSummary.originalRetailPrice): US, Motors, UK, DE, CA, FR, IT, ES. */
const STRIKETHROUGH_MARKETPLACES = new Set(['EBAY_US', 'EBAY_MOTORS_US', 'EBAY_GB', 'EBAY_DE', 'EBAY_CA', 'EBAY_FR', 'EBAY_IT', 'EBAY_ES']);

const amount = (m: Money) => ({ value: formatAmount(m), currency: m.currency });

/**
 * Image links eBay takes: "URLs must use the HTTPS protocol". http links are upgraded (or, with
 * options.http_images: drop, left out), each time with a warning; other schemes are left out.
 */
export function httpsImages(links: readonly string[], opts: EbayOptions, out: ItemIssues): string[] {
  const kept: string[] = [];
  const upgraded: string[] = [];
  const dropped: string[] = [];
  for (const link of links) {
    if (/^https:\/\//i.test(link)) kept.push(link);
    else if (/^http:\/\//i.test(link) && opts.http_images === 'upgrade') {
      kept.push(`https://${link.slice('http://'.length)}`);
      upgraded.push(link);
    } else dropped.push(link);
  }
  if (upgraded.length) out.warn('image_link', 'http', `eBay takes https images only; ${upgraded.length} http link(s) were sent as https (${upgraded[0]}).`, { fix: 'Use https image links, or set options.http_images: drop if the image host does not serve https.' });
  if (dropped.length) out.warn('image_link', 'not_https', `eBay takes https images only; ${dropped.length} link(s) were left out (${dropped[0]}).`, { fix: 'Use https image links.' });
  return kept;
}

/** GTIN as eBay's ean / upc lists: 12 digits are a UPC, 8 and 13 an EAN, 14 with a leading 0 an EAN. */
export function gtinFields(gtin: string | undefined): { ean?: string[]; upc?: string[] } {
  if (!gtin) return {};
  if (gtin.length === 12) return { upc: [gtin] };
  if (gtin.length === 13 || gtin.length === 8) return { ean: [gtin] };
  if (gtin.length === 14 && gtin.startsWith('0')) return { ean: [gtin.slice(1)] };
  return {};
}

/** Quantity to offer, or undefined (error recorded) when none is known. */
export function quantityOf(p: Product, opts: EbayOptions, out: ItemIssues): number | undefined {
  let q = p.quantity;
  if (q === undefined && p.availability === 'out_of_stock') q = 0;
  q ??= opts.default_quantity;
  if (q === undefined) out.error('quantity', 'missing', 'eBay needs a quantity for every offer; the item is left out.', { fix: 'Fill in quantity, or set options.default_quantity.' });
  return q === undefined ? undefined : Math.max(0, Math.trunc(q));
}

/** eBay leaf category: the `categories` table by prefix, then the default; error when none. */
export function categoryOf(p: Product, opts: EbayOptions, out: ItemIssues): string | undefined {
  const id = p.extra.ebay_category_id?.trim() || lookupByPrefix(p, opts.categories) || opts.categoryId;
  if (!id) out.error('category', 'missing', 'No eBay category for this item; offers cannot be published without one.', { field: 'product_type', fix: 'Add its product_type or google_product_category to options.categories, or set options.categoryId.' });
  return id;
}

/** InventoryItemWithSkuLocale (bulkCreateOrReplaceInventoryItem request entry). */
export function inventoryItem(p: Product, quantity: number, aspects: Record<string, string[]>, opts: EbayOptions, out: ItemIssues): Record<string, unknown> {
  const product: Record<string, unknown> = { title: limitText(p.title, EBAY_LIMITS.title, 'title', out) };
  const description = limitText(p.description, EBAY_LIMITS.description, 'description', out);
  if (description) product.description = description;
  if (Object.keys(aspects).length > 0) product.aspects = aspects;
  if (p.brand) product.brand = p.brand;
  if (p.mpn) product.mpn = p.mpn;
  Object.assign(product, gtinFields(p.gtin));
  const images = httpsImages([p.image_link, ...p.additional_image_link].filter((u): u is string => !!u), opts, out);
  if (images.length > EBAY_LIMITS.images) out.warn('additional_image_link', 'too_many', `${images.length} images; eBay takes ${EBAY_LIMITS.images}, the rest were left out.`);
  if (images.length > 0) product.imageUrls = images.slice(0, EBAY_LIMITS.images);
  return {
    sku: p.id,
    locale: opts.locale,
    condition: ebayCondition(p.condition, opts),
    product,
    availability: { shipToLocationAvailability: { quantity } },
  };
}

/**
 * EbayOfferDetailsWithKeys (bulkCreateOffer request entry). A sale shows as the price with the
 * regular price struck through (Strikethrough Pricing: originalRetailPrice with
 * originallySoldForRetailPriceOn), where the marketplace has it. pricingVisibility is not sent: it
 * belongs to Minimum Advertised Price, which is another feature.
 */
export function offer(p: Product, prices: FeedPrices, quantity: number, categoryId: string, opts: EbayOptions, out: ItemIssues): Record<string, unknown> {
  const pricingSummary: Record<string, unknown> = { price: amount(prices.sale_price ?? prices.price) };
  if (prices.sale_price && STRIKETHROUGH_MARKETPLACES.has(opts.marketplaceId)) {
    pricingSummary.originalRetailPrice = amount(prices.price);
    pricingSummary.originallySoldForRetailPriceOn = opts.original_price_sold_on;
  } else if (prices.sale_price) {
    out.warn('sale_price', 'no_strikethrough', `${opts.marketplaceId} has no strikethrough prices; the sale price is sent as the price, without the regular price.`);
  }
  return {
    sku: p.id,
    marketplaceId: opts.marketplaceId,
    format: 'FIXED_PRICE',
    availableQuantity: quantity,
    categoryId,
    listingPolicies: { fulfillmentPolicyId: opts.fulfillmentPolicyId, paymentPolicyId: opts.paymentPolicyId, returnPolicyId: opts.returnPolicyId },
    merchantLocationKey: opts.merchantLocationKey,
    pricingSummary,
  };
}

/** The price/quantity update of one SKU; the push adds the offerId it finds on eBay. */
export function priceQuantity(p: Product, prices: FeedPrices | undefined, quantity: number | undefined): Record<string, unknown> {
  const update: Record<string, unknown> = { sku: p.id };
  const o: Record<string, unknown> = {};
  if (prices) o.price = amount(prices.sale_price ?? prices.price);
  if (quantity !== undefined) {
    update.shipToLocationAvailability = { quantity };
    o.availableQuantity = quantity;
  }
  update.offers = [o];
  return update;
}
