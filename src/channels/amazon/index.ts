import { AMAZON_LIMITS, amazonOffer, availabilityAttributeJson, listingAttributesJson, offerAttributeJson } from './listing-attributes.js';
import { amazonOptionsSchema, productTypeFor, type AmazonOptions } from './listing-options.js';
import { variationFamilies } from './variation-families.js';
import { defineChannel, type FeedRecord } from '../define-channel.js';
import { columnValues, identification, MISSING_BRAND, missingBuilt, brandFor, type Missing } from './listing-requirements.js';
import { cachedOptions, itemIssues, priceForFeed } from '../common/index.js';
import { checkSkuLength, onlyGroups } from '../common/marketplace.js';
import type { AmazonDestinationConfig } from './destination-schema.js';
import { createAmazonListingsSerializer } from './amazon-listings.js';

/** Attribute groups `--only` may name for Amazon, and the attribute each one patches. */
const parseOptions = cachedOptions(amazonOptionsSchema);
const PATCH_GROUPS: Record<string, string> = { price: 'purchasable_offer', quantity: 'fulfillment_availability' };
const GROUPS = Object.keys(PATCH_GROUPS);
/** A JSON patch replacing one attribute, up to its value. */
const patchHead = (group: string): string => `{"op":"replace","path":${JSON.stringify(`/attributes/${PATCH_GROUPS[group]}`)},"value":`;
const PRICE_PATCH = patchHead('price');
const QUANTITY_PATCH = patchHead('quantity');

/**
 * Amazon Selling Partner API, JSON_LISTINGS_FEED v2. One record per product: sku, the catalog row
 * (the serializer uses it as messageId, so processing-report lines point back at the row),
 * operationType, productType and the attributes (or, with `--only price,quantity`, JSON patches) as
 * JSON text, which the `amazon-listings` serializer embeds in the document.
 */
export default defineChannel<AmazonOptions>({
  locators: ['row'],
  id: 'amazon',
  title: 'Amazon (Selling Partner API listings feed)',
  kind: 'marketplace',
  only: GROUPS,
  serializers: { 'amazon-listings': createAmazonListingsSerializer },
  push: {
    destination: 'amazon',
    deltas: true,
    deletes: true,
    derivedIds(records) {
      const skus = new Set(records.map((r) => String(r.sku)));
      const messages = records.map((r) => ({ id: String(r.sku), body: { sku: r.sku, operationType: r.operationType, productType: r.productType, attributes: typeof r.attributes === 'string' ? JSON.parse(r.attributes) : undefined } }));
      return variationFamilies(messages).map((i) => i.id).filter((id) => !skus.has(id));
    },
    create: async (config, feedId) => (await import('./destination.js')).createDestination(config as AmazonDestinationConfig, feedId),
  },
  formats: [
    {
      id: 'json',
      serializer: 'amazon-listings',
      ext: 'json',
      contentType: 'application/json; charset=UTF-8',
      split: { maxItems: 25_000, maxBytes: 10 * 1024 * 1024 },
    },
  ],
  options: amazonOptionsSchema,
  attributes: [
    { name: 'sku', required: true, format: 'seller SKU', limit: AMAZON_LIMITS.sku, source: 'id' },
    { name: 'productType', required: true, format: 'Amazon product type, e.g. SHIRT', source: 'options.product_types / amazon_product_type' },
    { name: 'item_name', required: true, format: 'text', limit: AMAZON_LIMITS.item_name, source: 'title' },
    { name: 'brand', required: false, format: 'text', limit: AMAZON_LIMITS.brand, source: 'brand' },
    { name: 'externally_assigned_product_identifier', required: false, format: 'ean | upc | gtin by length', source: 'gtin' },
    { name: 'purchasable_offer', required: false, format: 'currency, our_price schedule; a sale price as discounted_price with start_at and end_at (RFC 3339 date-time with offset: 2026-12-01T00:00:00+01:00)', source: 'price, sale_price, sale_price_effective_date (a sale price without both dates is left out)' },
    { name: 'fulfillment_availability', required: false, format: 'channel code and quantity', source: 'quantity, availability' },
    { name: 'condition_type', required: false, format: 'new_new | used_good | ...', source: 'condition' },
    { name: 'product_description', required: false, format: 'plain text', limit: AMAZON_LIMITS.product_description, source: 'description' },
    { name: 'bullet_point', required: false, format: 'up to 5 texts', limit: AMAZON_LIMITS.bullet_point, source: 'bullet_point_1..5 or description sentences' },
    { name: 'main_product_image_locator', required: false, format: 'URL', source: 'image_link' },
    { name: 'other_product_image_locator_1..8', required: false, format: 'URL', source: 'additional_image_link' },
    { name: 'color', required: false, format: 'text', source: 'color' },
    { name: 'size', required: false, format: 'text', source: 'size' },
    { name: 'parentage_level, child_parent_sku_relationship', required: false, format: 'child of the parent SKU (the push adds the parent)', source: 'item_group_id' },
  ],
  map(product, ctx) {
    const opts = parseOptions(ctx.feed.options);
    const out = itemIssues('amazon', product, ctx);
    const only = onlyGroups(ctx.feed, GROUPS, 'Amazon');
    checkSkuLength(product.id, AMAZON_LIMITS.sku, 'Amazon', out);
    const feedPrices = !only || only.includes('price') ? priceForFeed(product, ctx.feed, out) : undefined;
    const prices = feedPrices && amazonOffer(feedPrices, out);
    if (out.failed) return { issues: out.list };
    const record: FeedRecord = { sku: product.id, row: String(ctx.row), productType: productTypeFor(product, opts) };
    if (only) {
      const patches: string[] = [];
      if (only.includes('price') && prices) patches.push(`${PRICE_PATCH}${offerAttributeJson(prices, opts)}}`);
      const availability = only.includes('quantity') ? availabilityAttributeJson(product, opts, out) : undefined;
      if (availability) patches.push(`${QUANTITY_PATCH}${availability}}`);
      if (patches.length === 0) {
        out.error('quantity', 'missing', 'Nothing to patch: no quantity for this item.', { fix: 'Fill in quantity.' });
        return { issues: out.list };
      }
      record.operationType = 'PATCH';
      record.patches = `[${patches.join(',')}]`;
    } else {
      // Amazon refuses a listing without brand, identifier or a required attribute of its type: left out, never sent.
      const productType = record.productType as string;
      const missing: Missing[] = [];
      if (!brandFor(product, opts)) missing.push(MISSING_BRAND);
      const id = identification(product, opts);
      if (id.kind === 'none') missing.push(id.missing);
      const columns = columnValues(product, productType, opts);
      missing.push(...columns.missing);
      // Left out already: the attributes' names (for the required ones it lacks) and their warnings are still wanted, their JSON is not.
      const built = listingAttributesJson(product, prices, opts, out, productType, columns.values, missing.length === 0);
      missing.push(...missingBuilt(productType, built.names).filter((m) => m.attribute !== 'brand'));
      for (const m of missing) out.error(m.attribute, 'missing', m.message, { field: m.column, fix: m.fix });
      if (out.failed || built.json === undefined) return { issues: out.list };
      record.operationType = opts.operation;
      record.attributes = built.json;
    }
    return { record, issues: out.list };
  },
});
