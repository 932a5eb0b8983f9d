import type { FeedRecord } from '../define-channel.js';
import { EBAY_DOCUMENT_FORMAT, ebayOptionsSchema } from './listing-options.js';
import { ShelfcastError } from '../../issues/issue.js';
import { arrayLead } from '../../serializers/json.js';
import type { Serializer, SerializerContext } from '../../serializers/serializer.js';

/**
 * One reviewable JSON document with what the eBay push sends: per SKU its catalog row and either
 * the inventory item and the offer, or a price/quantity update:
 * `{"format":"shelfcast.ebay-inventory","version":1,"marketplaceId":..,"locale":..,"items":[{sku,row,group?,inventoryItem,offer}|{sku,row,priceQuantity}]}`
 * (group: the item_group_id of a variant).
 * The payloads arrive as JSON text from the ebay channel and are embedded unchanged.
 */
export function createEbayInventorySerializer(ctx: SerializerContext): Serializer {
  const opts = ebayOptionsSchema.safeParse(ctx.options ?? {});
  if (!opts.success) {
    throw new ShelfcastError('The ebay-inventory format needs the ebay channel options (merchantLocationKey and the three policy ids); set them in the feed file.', { cause: opts.error });
  }
  const head = `{"format":"${EBAY_DOCUMENT_FORMAT}","version":1,"marketplaceId":${JSON.stringify(opts.data.marketplaceId)},"locale":${JSON.stringify(opts.data.locale)},"items":[`;
  return {
    header: () => head,
    lead: arrayLead,
    body(record: FeedRecord) {
      if (typeof record.sku !== 'string') throw new ShelfcastError('ebay-inventory: a record without sku; only the ebay channel can write this format.');
      let text = `{"sku":${JSON.stringify(record.sku)},"row":${Number(record.row) || 0}`;
      if (typeof record.group === 'string') text += `,"group":${JSON.stringify(record.group)}`;
      for (const key of ['inventoryItem', 'offer', 'priceQuantity'] as const) {
        const v = record[key];
        if (typeof v === 'string') text += `,"${key}":${v}`;
      }
      return `${text}}`;
    },
    footer: () => '\n]}\n',
    locators: ['row'],
  };
}
