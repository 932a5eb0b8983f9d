import { describe, expect, it } from 'vitest';
import { amazonQuantityFeeds, ebayBulkQuantityRequests, type QuantityUpdate } from '../../src/stock/quantity-updates.js';
import { ajv, openApiSchema, spec } from './spec-schemas.js';

const updates: QuantityUpdate[] = Array.from({ length: 30 }, (_, i) => ({ sku: `SKU-${i}`, quantity: i % 4 }));

describe('quantity-only updates for the marketplaces', () => {
  it('Amazon: PATCH messages valid against the JSON_LISTINGS_FEED and message schemas', () => {
    const [feed, ...rest] = amazonQuantityFeeds(updates, { sellerId: 'A3TH9S8BH6GOGM', issueLocale: 'en_US' }) as any[];
    expect(rest).toEqual([]);
    const validateFeed = ajv.compile(spec('amazon/listings-feed-schema-v2.json'));
    expect(validateFeed(feed) ? [] : validateFeed.errors).toEqual([]);
    const validateMessage = ajv.compile(spec('amazon/listings-feed-message-schema-v2.json'));
    for (const m of feed.messages) expect(validateMessage(m) ? [] : validateMessage.errors).toEqual([]);
    expect(feed.messages[3]).toEqual({
      messageId: 4, sku: 'SKU-3', operationType: 'PATCH', productType: 'PRODUCT',
      patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 3 }] }],
    });
  });

  it('eBay: bulkUpdatePriceQuantity bodies of at most 25 SKUs, valid against the Inventory API schema', () => {
    const bodies = ebayBulkQuantityRequests(updates);
    expect(bodies.map((b) => b.requests.length)).toEqual([25, 5]);
    const inventory = spec('ebay/sell_inventory_v1_oas3.json');
    const op = inventory.paths['/bulk_update_price_quantity'].post;
    expect(op.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/BulkPriceQuantity');
    const validate = ajv.compile(openApiSchema(inventory, 'BulkPriceQuantity'));
    for (const b of bodies) expect(validate(b) ? [] : validate.errors).toEqual([]);
    expect(bodies[1]!.requests[0]).toEqual({ sku: 'SKU-25', shipToLocationAvailability: { quantity: 1 } });
  });
});
