import {
  cachedOptions,
  type FeedPrices,
  itemIssues,
  limitText,
  parseAmount,
  perOptions,
  plainText,
  priceForFeed,
  pricesAt,
  recordPicker,
  requireField,
  resolveGoogleCategory,
  variantFields,
} from '../common/index.js';
import { localCurrencies } from '../../config/codes/local-currency.js';
import { defineChannel, type AttributeDoc, type FeedTarget } from '../define-channel.js';
import { idealoOptions, type IdealoOptions } from './idealo-options.js';
import { formatAmount } from '../../product/money-format.js';
import { lastCall2 } from '../../util/last-call.js';
import type { Money, Product } from '../../product/product.js';

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
const columnsOf = (opts: IdealoOptions): string[] => [
  ...BASE_COLUMNS,
  ...methods(opts.deliveryCosts).map((m) => `deliveryCosts_${m}`),
  ...methods(opts.paymentCosts).map((m) => `paymentCosts_${m}`),
  ...TAIL_COLUMNS,
];

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

/** price and formerPrice: idealo shows the price paid and, during a sale, the price before it; idealo takes no sale dates. */
function offerPrices(prices: FeedPrices, now: Date): { price: Money; formerPrice?: Money } {
  const current = pricesAt(prices, now);
  return current.sale_price ? { price: current.sale_price, formerPrice: current.price } : { price: current.price };
}

/** An option amount written the way idealo reads it (`4.95`); kept as written if the currency has fewer decimals. */
function amountCell(text: string, currency: string): string {
  // The same few option amounts come back for every item: remember them (a handful per feed).
  const key = `${currency} ${text}`;
  let cell = amountCells.get(key);
  if (cell === undefined) {
    const m = parseAmount(text, currency);
    cell = m ? formatAmount(m) : text;
    if (amountCells.size >= 1000) amountCells.clear();
    amountCells.set(key, cell);
  }
  return cell;
}
const amountCells = new Map<string, string>();
const freeFrom = lastCall2(parseAmount);

const methodKey = (service: string): string => service.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** The cost columns of a feed's options, in column order, with their keys built once. */
const costColumns = perOptions((opts: IdealoOptions) => ({
  delivery: Object.entries(opts.deliveryCosts).map(([method, cost]) => ({ method, column: `deliveryCosts_${method}`, cost })),
  payment: Object.entries(opts.paymentCosts ?? {}).map(([method, cost]) => ({ column: `paymentCosts_${method}`, cost })),
}));
const pickerOf = perOptions((opts: IdealoOptions) => recordPicker(columnsOf(opts)));

type OfferValues = Record<string, string | undefined>;

/** deliveryCosts_<method> cells: free past freeDeliveryFrom, else the product's own rate for the method, else the option; then paymentCosts_<method>. */
function addCosts(values: OfferValues, product: Product, price: Money, opts: IdealoOptions, country: string | undefined): void {
  const free = opts.freeDeliveryFrom !== undefined ? freeFrom(opts.freeDeliveryFrom, price.currency) : undefined;
  const columns = costColumns(opts);
  for (const { method, column, cost } of columns.delivery) {
    let value = cost;
    if (free && price.amount >= free.amount) value = '0';
    else if (product.shipping.length > 0) {
      const own = product.shipping.find(
        (s) => s.service && methodKey(s.service) === method && s.price?.currency === price.currency && (!country || !s.country || s.country === country),
      );
      if (own?.price) value = formatAmount(own.price);
    }
    values[column] = amountCell(value, price.currency);
  }
  for (const { column, cost } of columns.payment) values[column] = amountCell(cost, price.currency);
}

function categoryPath(product: Product): string | undefined {
  if (product.product_type) return product.product_type;
  const g = product.google_product_category;
  return g === undefined ? undefined : (resolveGoogleCategory(g)?.path ?? g);
}

/** image_link and additional_image_link, the empty ones left out. */
function imageUrls(product: Product): string {
  let text = product.image_link || '';
  for (const url of product.additional_image_link) if (url) text = text === '' ? url : `${text}${LIST_SEPARATOR}${url}`;
  return text;
}

/** Used and refurbished items get the condition label idealo requires in the title. */
function offerTitle(title: string, product: Product, opts: IdealoOptions): string {
  const label = product.condition === 'used' || product.condition === 'refurbished' ? opts.conditionLabels?.[product.condition] : undefined;
  return label && !title.toLowerCase().includes(label.toLowerCase()) ? `${title} (${label})` : title;
}

/** idealo (price comparison, DE/AT/FR/IT/ES/UK): idealo's own CSV columns, one offer per variant. */
export default defineChannel<IdealoOptions>({
  id: 'idealo',
  title: 'idealo',
  kind: 'comparison',
  formats: [{ id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv; charset=utf-8' }],
  attributes,
  options: idealoOptions,
  // idealo runs one site per country, each listing offers in its local currency only.
  marketCurrencies: localCurrencies(['DE', 'AT', 'FR', 'IT', 'ES', 'GB']),
  columns: (feed) => columnsOf(optionsOf(feed)),
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
    const preorder = product.availability === 'preorder' || product.availability === 'backorder';
    // Every offer row of the product in one object; each variant then sets what tells it apart.
    const values: OfferValues = {
      sku: undefined,
      brand: product.brand,
      title: undefined,
      categoryPath: categoryPath(product),
      url: product.link,
      hans: product.mpn,
      eans: product.gtin,
      description,
      price: offer && formatAmount(offer.price),
      formerPrice: offer?.formerPrice && formatAmount(offer.formerPrice),
      deliveryTime: preorder ? (opts.deliveryTimePreorder ?? opts.deliveryTime) : opts.deliveryTime,
      imageUrls: imageUrls(product),
      colour: undefined,
      size: undefined,
      gender: product.gender,
      material: product.material,
    };
    if (offer) addCosts(values, product, offer.price, opts, ctx.feed.country);
    // idealo has no item groups: every variant is its own offer with a title that tells it apart.
    const variants = variantFields(product);
    const setVariant = (v: (typeof variants)[number]): OfferValues => {
      values.sku = v.id;
      values.title = offerTitle(v.title, product, opts);
      values.colour = v.color ?? product.color;
      values.size = v.size ?? product.size;
      return values;
    };
    // Variants share every required field but sku and title, so the first one speaks for all.
    setVariant(variants[0]!);
    for (const f of REQUIRED) requireField(f === 'price' && !prices ? 'reported' : values[f], f, out);
    if (out.failed) return { issues: out.list };
    const pick = pickerOf(opts);
    if (variants.length === 1) return { record: pick(values), issues: out.list };
    return { record: variants.map((v) => pick(setVariant(v))), issues: out.list };
  },
});
