import {
  cachedOptions,
  compactRecord,
  type FeedPrices,
  itemIssues,
  limitText,
  parseAmount,
  plainText,
  priceForFeed,
  requireFields,
  resolveGoogleCategory,
  splitVariants,
} from './common/index.js';
import { defineChannel, type AttributeDoc, type FeedTarget } from './define-channel.js';
import { idealoOptions, type IdealoOptions } from './idealo-options.js';
import { formatAmount } from '../product/money-format.js';
import type { Money, Product } from '../product/product.js';

/** idealo feed guidelines cap descriptions at 1,000 characters; longer text is cut at a word there. */
const DESCRIPTION_LIMIT = 1000;
/** Separator of several values in one cell (eans, imageUrls), distinct from the file's delimiter. */
const LIST_SEPARATOR = ';';
const REQUIRED = ['sku', 'title', 'url', 'price', 'deliveryTime'] as const;
const BASE_COLUMNS = ['sku', 'brand', 'title', 'categoryPath', 'url', 'hans', 'eans', 'description', 'price', 'formerPrice', 'deliveryTime'];
const TAIL_COLUMNS = ['imageUrls', 'colour', 'size', 'gender', 'material'];

const parseOptions = cachedOptions(idealoOptions);
const optionsOf = (feed: FeedTarget): IdealoOptions => parseOptions(feed.options);
const methods = (costs: Record<string, string> | undefined): string[] => Object.keys(costs ?? {});

const attributes: AttributeDoc[] = [
  { name: 'sku', required: true, format: 'text, unique', source: 'id' },
  { name: 'brand', required: false, format: 'text', source: 'brand' },
  { name: 'title', required: true, format: 'text; used and refurbished items marked', source: 'title + condition' },
  { name: 'categoryPath', required: false, format: 'A > B > C', source: 'product_type, else google_product_category' },
  { name: 'url', required: true, format: 'http(s) URL', source: 'link' },
  { name: 'hans', required: false, format: 'manufacturer part number', source: 'mpn' },
  { name: 'eans', required: false, format: `EAN/GTIN, several separated by ${LIST_SEPARATOR}`, source: 'gtin' },
  { name: 'description', required: false, format: 'plain text (HTML converted)', limit: DESCRIPTION_LIMIT, source: 'description' },
  { name: 'price', required: true, format: '15.00 (decimal point, no currency)', source: 'sale_price while active, else price' },
  { name: 'formerPrice', required: false, format: '19.99', source: 'price while a sale_price is active' },
  { name: 'deliveryTime', required: true, format: 'text, e.g. 1-3 Werktage', source: 'option deliveryTime (deliveryTimePreorder for preorder/backorder)' },
  { name: 'deliveryCosts_<method>', required: true, format: '4.95', source: 'option deliveryCosts, or a shipping row whose service names the method' },
  { name: 'paymentCosts_<method>', required: false, format: '0.00', source: 'option paymentCosts' },
  { name: 'imageUrls', required: false, format: `URLs separated by ${LIST_SEPARATOR}`, source: 'image_link + additional_image_link' },
  { name: 'colour', required: false, format: 'text', source: 'color' },
  { name: 'size', required: false, format: 'text', source: 'size' },
  { name: 'gender', required: false, format: 'text', source: 'gender' },
  { name: 'material', required: false, format: 'text', source: 'material' },
];

/** Whether the sale of an ISO 8601 `start/end` interval runs at `now` (idealo has no dates, so the feed decides). */
export function saleActive(interval: string | undefined, now: Date): boolean {
  if (!interval) return true;
  const [start, end] = interval.split('/');
  const t = now.getTime();
  if (start && Date.parse(start) > t) return false;
  if (end && Date.parse(end) <= t) return false;
  return true;
}

/** price and formerPrice: idealo shows the price paid and, during a sale, the price before it. */
function offerPrices(prices: FeedPrices, now: Date): { price: Money; formerPrice?: Money } {
  if (prices.sale_price && saleActive(prices.sale_price_effective_date, now)) return { price: prices.sale_price, formerPrice: prices.price };
  return { price: prices.price };
}

/** An option amount written the way idealo reads it (`4.95`); kept as written if the currency has fewer decimals. */
const amountCell = (text: string, currency: string): string => {
  const m = parseAmount(text, currency);
  return m ? formatAmount(m) : text;
};

const methodKey = (service: string): string => service.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** deliveryCosts_<method> cells: free past freeDeliveryFrom, else the product's own rate for the method, else the option. */
function deliveryCosts(product: Product, price: Money, opts: IdealoOptions, country: string | undefined): Record<string, string> {
  const free = opts.freeDeliveryFrom !== undefined ? parseAmount(opts.freeDeliveryFrom, price.currency) : undefined;
  const cells: Record<string, string> = {};
  for (const [m, cost] of Object.entries(opts.deliveryCosts)) {
    const own = product.shipping.find(
      (s) => s.service && methodKey(s.service) === m && s.price?.currency === price.currency && (!country || !s.country || s.country === country),
    );
    const value = free && price.amount >= free.amount ? '0' : own?.price ? formatAmount(own.price) : cost;
    cells[`deliveryCosts_${m}`] = amountCell(value, price.currency);
  }
  return cells;
}

function categoryPath(product: Product): string | undefined {
  if (product.product_type) return product.product_type;
  const g = product.google_product_category;
  return g === undefined ? undefined : (resolveGoogleCategory(g)?.path ?? g);
}

interface OfferContext {
  offer: { price: Money; formerPrice?: Money } | undefined;
  description: string | undefined;
  opts: IdealoOptions;
  country: string | undefined;
}

/** One offer row; used and refurbished items get the condition label idealo requires in the title. */
function offerFields(product: Product, { offer, description, opts, country }: OfferContext): Record<string, string | undefined> {
  const label = product.condition === 'used' || product.condition === 'refurbished' ? opts.conditionLabels?.[product.condition] : undefined;
  const preorder = product.availability === 'preorder' || product.availability === 'backorder';
  return {
    sku: product.id,
    brand: product.brand,
    title: label && !product.title.toLowerCase().includes(label.toLowerCase()) ? `${product.title} (${label})` : product.title,
    categoryPath: categoryPath(product),
    url: product.link,
    hans: product.mpn,
    eans: product.gtin,
    description,
    price: offer && formatAmount(offer.price),
    formerPrice: offer?.formerPrice && formatAmount(offer.formerPrice),
    deliveryTime: preorder ? (opts.deliveryTimePreorder ?? opts.deliveryTime) : opts.deliveryTime,
    ...(offer ? deliveryCosts(product, offer.price, opts, country) : {}),
    ...Object.fromEntries(Object.entries(opts.paymentCosts ?? {}).map(([m, v]) => [`paymentCosts_${m}`, offer ? amountCell(v, offer.price.currency) : v])),
    imageUrls: [product.image_link, ...product.additional_image_link].filter((u): u is string => !!u).join(LIST_SEPARATOR),
    colour: product.color,
    size: product.size,
    gender: product.gender,
    material: product.material,
  };
}

/** idealo (price comparison, DE/AT/FR/IT/ES/UK): idealo's own CSV columns, one offer per variant. */
export default defineChannel<IdealoOptions>({
  id: 'idealo',
  title: 'idealo',
  kind: 'comparison',
  formats: [{ id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv; charset=utf-8' }],
  attributes,
  options: idealoOptions,
  columns: (feed) => [
    ...BASE_COLUMNS,
    ...methods(optionsOf(feed).deliveryCosts).map((m) => `deliveryCosts_${m}`),
    ...methods(optionsOf(feed).paymentCosts).map((m) => `paymentCosts_${m}`),
    ...TAIL_COLUMNS,
  ],
  map(product, ctx) {
    const out = itemIssues('idealo', product, ctx);
    const opts = optionsOf(ctx.feed);
    if (product.availability === 'out_of_stock') {
      out.error('availability', 'out_of_stock', 'idealo lists only offers that can be ordered; the item is out of stock and left out.', {
        fix: 'No action needed: the item returns to the feed when it is back in stock.',
      });
      return { issues: out.list };
    }
    const prices = priceForFeed(product, ctx.feed, out);
    const offer = prices && offerPrices(prices, ctx.now);
    const description = limitText(plainText(product.description), DESCRIPTION_LIMIT, 'description', out);
    // idealo has no item groups: every variant is its own offer with a title that tells it apart.
    const records = splitVariants(product).map((variant) => offerFields(variant, { offer, description, opts, country: ctx.feed.country }));
    // Variants share every required field but sku and title, so the first one speaks for all.
    requireFields({ ...records[0], price: prices ? records[0]!.price : 'reported' }, REQUIRED, out);
    if (out.failed) return { issues: out.list };
    const compact = records.map(compactRecord);
    return { record: compact.length === 1 ? compact[0] : compact, issues: out.list };
  },
});
