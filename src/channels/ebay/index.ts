import { categoryOf, EBAY_LIMITS, inventoryItem, offer, priceQuantity, quantityOf } from './inventory-payload.js';
import { ebayOptionsSchema, type EbayOptions } from './listing-options.js';
import { defineChannel, type FeedRecord } from '../define-channel.js';
import { cachedOptions, itemIssues, priceForFeed, pricesAt } from '../common/index.js';
import { checkSkuLength, onlyGroups } from '../common/marketplace.js';
import type { EbayDestinationConfig } from './destination-schema.js';
import { createEbayInventorySerializer } from './ebay-inventory.js';
import { ASPECT_LIMITS, aspectsOf, checkAspects } from './aspects.js';
import { GROUP_PREFIX, inventoryItemGroups } from './item-groups.js';

const parseOptions = cachedOptions(ebayOptionsSchema);
const ONLY_GROUPS = ['price', 'quantity'];

/**
 * eBay Sell Inventory API. One record per product: the inventory item and the offer as JSON text
 * (or, with `--only price,quantity`, the price/quantity update), which the `ebay-inventory`
 * serializer gathers into one reviewable document and the eBay push sends in bulk calls.
 */
export default defineChannel<EbayOptions>({
  locators: ['row'],
  id: 'ebay',
  title: 'eBay (Sell Inventory API)',
  kind: 'marketplace',
  only: ONLY_GROUPS,
  serializers: { 'ebay-inventory': createEbayInventorySerializer },
  push: {
    destination: 'ebay',
    deltas: true,
    deletes: true,
    derivedIds: (records) =>
      inventoryItemGroups(records.filter((r) => typeof r.group === 'string').map((r) => ({ id: String(r.sku), body: { group: r.group, inventoryItem: JSON.parse(String(r.inventoryItem)) } })))
        .map((i) => i.id)
        .filter((id) => id.startsWith(GROUP_PREFIX)),
    create: async (config, feedId) => (await import('./destination.js')).createDestination(config as EbayDestinationConfig, feedId),
  },
  formats: [{ id: 'json', serializer: 'ebay-inventory', ext: 'json', contentType: 'application/json' }],
  options: ebayOptionsSchema,
  attributes: [
    { name: 'sku', required: true, format: 'text', limit: EBAY_LIMITS.sku, source: 'id' },
    { name: 'product.title', required: true, format: 'text', limit: EBAY_LIMITS.title, source: 'title' },
    { name: 'product.description', required: false, format: 'text or HTML', limit: EBAY_LIMITS.description, source: 'description' },
    { name: 'product.aspects', required: true, format: `{ Name: [values] }; names up to ${ASPECT_LIMITS.name}, values up to ${ASPECT_LIMITS.value} characters; the category's required aspects (options.required_aspects)`, source: 'brand, mpn, color, size, material, pattern, gender, aspect:<Name> columns' },
    { name: 'product.imageUrls', required: false, format: 'https URLs', source: 'image_link, additional_image_link' },
    { name: 'inventory item group', required: false, format: 'variantSKUs, variesBy (aspects that differ), published with publishOfferByInventoryItemGroup', source: 'item_group_id' },
    { name: 'product.brand / mpn / ean / upc', required: false, format: 'text', source: 'brand, mpn, gtin' },
    { name: 'condition', required: true, format: 'NEW | USED_EXCELLENT | ...', source: 'condition' },
    { name: 'availability.shipToLocationAvailability.quantity', required: true, format: 'integer', source: 'quantity, availability' },
    { name: 'offer.pricingSummary.price', required: true, format: '{ value: "25.00", currency: "USD" }', source: 'price; sale_price while its sale_price_effective_date runs at build time (eBay offers take no sale dates)' },
    { name: 'offer.categoryId', required: true, format: 'eBay leaf category id', source: 'options.categories / categoryId' },
  ],
  map(product, ctx) {
    const opts = parseOptions(ctx.feed.options);
    const out = itemIssues('ebay', product, ctx);
    const only = onlyGroups(ctx.feed, ONLY_GROUPS, 'eBay');
    checkSkuLength(product.id, EBAY_LIMITS.sku, 'eBay', out);
    // An offer has no sale dates (pricingSummary holds prices only), so the sale price goes out only while its sale runs.
    const feedPrices = !only || only.includes('price') ? priceForFeed(product, ctx.feed, out) : undefined;
    const prices = feedPrices && pricesAt(feedPrices, ctx.now);
    const quantity = !only || only.includes('quantity') ? quantityOf(product, opts, out) : undefined;
    const categoryId = only ? undefined : categoryOf(product, opts, out);
    const aspects = only ? undefined : aspectsOf(product, out);
    if (aspects && categoryId) checkAspects(aspects, categoryId, opts.required_aspects, out);
    if (out.failed) return { issues: out.list };
    const record: FeedRecord = { sku: product.id, row: String(ctx.row) };
    if (only) {
      record.priceQuantity = JSON.stringify(priceQuantity(product, prices, quantity));
    } else {
      record.inventoryItem = JSON.stringify(inventoryItem(product, quantity!, aspects!, opts, out));
      record.offer = JSON.stringify(offer(product, prices!, quantity!, categoryId!, opts, out));
      // Variants become one multiple-variation listing: the push makes the inventory item group.
      if (product.item_group_id) record.group = product.item_group_id;
    }
    return { record, issues: out.list };
  },
});
