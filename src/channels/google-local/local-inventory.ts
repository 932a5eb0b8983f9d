import { error, type Issue } from '../../issues/issue.js';
import { toPrice } from '../google/product-input.js';
import { textOf, type FeedItem } from '../../transports/read-feed-records.js';

/** The feed's values to the enum names of inventories_common.proto. */
const AVAILABILITY: Record<string, string> = { in_stock: 'IN_STOCK', limited_availability: 'LIMITED_AVAILABILITY', on_display_to_order: 'ON_DISPLAY_TO_ORDER', out_of_stock: 'OUT_OF_STOCK' };
const PICKUP_METHOD: Record<string, string> = { buy: 'BUY', reserve: 'RESERVE', 'ship to store': 'SHIP_TO_STORE', 'not supported': 'NOT_SUPPORTED' };
const PICKUP_SLA: Record<string, string> = {
  'same day': 'SAME_DAY', 'next day': 'NEXT_DAY', '2-day': 'TWO_DAY', '3-day': 'THREE_DAY', '4-day': 'FOUR_DAY',
  '5-day': 'FIVE_DAY', '6-day': 'SIX_DAY', '7-day': 'SEVEN_DAY', 'multi-week': 'MULTI_WEEK',
};

/** The push's id of one row: store code and offer id (store codes hold no `~`, see the channel options). */
export const inventoryId = (storeCode: string, offerId: string): string => `${storeCode}~${offerId}`;

export function parseInventoryId(id: string): { storeCode: string; offerId: string } {
  const cut = id.indexOf('~');
  return { storeCode: id.slice(0, cut), offerId: id.slice(cut + 1) };
}

/**
 * One row of the local inventory feed as a Merchant API v1 LocalInventory (localinventory.proto,
 * inventories_common.proto), in JSON names: int64 as a decimal string, enums by name.
 */
export function toLocalInventory(item: FeedItem): { id: string; body: Record<string, unknown> } | Issue {
  const storeCode = textOf(item, 'store code');
  const offerId = textOf(item, 'id');
  if (!storeCode || !offerId) return error('api.google-local.no_id', 'a row of the built feed has no store code or id; it cannot be sent');
  const id = inventoryId(storeCode, offerId);
  const attrs: Record<string, unknown> = {};
  const bad = (field: string, value: string) => error('api.google-local.value', `${field} "${value}" is not a value of Google's local inventory specification`, { id: offerId, field });
  const enumOf = (field: string, table: Record<string, string>, name: string): Issue | undefined => {
    const v = textOf(item, field);
    if (v === undefined) return undefined;
    const mapped = table[v.trim().toLowerCase()];
    if (!mapped) return bad(field, v);
    attrs[name] = mapped;
    return undefined;
  };
  const problem = enumOf('availability', AVAILABILITY, 'availability') ?? enumOf('pickup method', PICKUP_METHOD, 'pickupMethod') ?? enumOf('pickup sla', PICKUP_SLA, 'pickupSla');
  if (problem) return problem;
  const quantity = textOf(item, 'quantity');
  if (quantity !== undefined) {
    if (!/^\d+$/.test(quantity)) return bad('quantity', quantity);
    attrs.quantity = quantity;
  }
  for (const [field, name] of [['price', 'price'], ['sale price', 'salePrice']] as const) {
    const text = textOf(item, field);
    if (text === undefined) continue;
    const price = toPrice(text);
    if (!price) return bad(field, text);
    attrs[name] = price;
  }
  return { id, body: { storeCode, localInventoryAttributes: attrs } };
}
