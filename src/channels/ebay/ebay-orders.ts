import type { OrderReader } from '../define-channel.js';
import { error, warning, type Issue } from '../../issues/issue.js';
import { toIsoTime, type LineEvent } from '../../stock/events.js';
import { isRecord } from '../../stock/read-table.js';

/** True for an eBay Fulfillment API Order or a getOrders page (`{ orders: [...] }`). */
export const isEbayOrders = (doc: unknown): boolean =>
  isRecord(doc) && (Array.isArray(doc.lineItems) || (Array.isArray(doc.orders) && doc.orders.every((o: unknown) => isRecord(o) && Array.isArray(o.lineItems))));

/** The orders of a getOrders page, or the order itself. */
export const ebayOrdersOf = (doc: unknown): unknown[] => (isRecord(doc) && Array.isArray(doc.orders) ? doc.orders : [doc]);

/**
 * Turns one eBay Fulfillment API Order into order-line events: reserved = quantity; a FULFILLED
 * line item has shipped its quantity; a CANCELED order cancels what did not ship. Line items
 * without a seller SKU cannot be matched to stock and are reported.
 */
export function ebayOrderEvents(order: unknown, channel: string, file: string, item: number, issues: Issue[]): LineEvent[] {
  if (!isRecord(order) || typeof order.orderId !== 'string' || !Array.isArray(order.lineItems)) {
    issues.push(error('stock.orders.ebay.invalid', 'not an eBay order with orderId and lineItems; skipped', { file, row: item }));
    return [];
  }
  const orderId = order.orderId;
  const createdAt = toIsoTime(order.creationDate);
  const changedAt = toIsoTime(order.lastModifiedDate) ?? createdAt;
  if (!createdAt || !changedAt) {
    issues.push(error('stock.orders.ebay.time_missing', `order ${orderId}: no creationDate; skipped`, { file, row: item }));
    return [];
  }
  const cancelled = order.cancelStatus?.cancelState === 'CANCELED';
  const cancelledAt = toIsoTime(order.cancelStatus?.cancelledDate) ?? changedAt;
  const events: LineEvent[] = [];
  for (const li of order.lineItems as unknown[]) {
    if (!isRecord(li) || typeof li.lineItemId !== 'string' || !Number.isSafeInteger(li.quantity) || li.quantity < 0) {
      issues.push(error('stock.orders.ebay.item_invalid', `order ${orderId}: a line item lacks lineItemId or a whole quantity; skipped`, { file, row: item }));
      continue;
    }
    if (typeof li.sku !== 'string' || li.sku === '') {
      issues.push(warning('stock.orders.ebay.sku_missing', `order ${orderId}, line item ${li.lineItemId}: no seller SKU, so it cannot be matched to stock; skipped`, { file, row: item, fix: 'give the listing a custom label (SKU) on eBay' }));
      continue;
    }
    const base = { channel, order: orderId, line: li.lineItemId as string, sku: li.sku as string };
    const quantity = li.quantity as number;
    const shipped = li.lineItemFulfillmentStatus === 'FULFILLED' ? quantity : 0;
    events.push({ ...base, kind: 'reserved', quantity, at: createdAt });
    if (shipped > 0) events.push({ ...base, kind: 'shipped', quantity: shipped, at: changedAt });
    if (cancelled && quantity - shipped > 0) events.push({ ...base, kind: 'cancelled', quantity: quantity - shipped, at: cancelledAt });
  }
  return events;
}

/** eBay's order reader for `shelfcast stock orders` (Fulfillment API orders or getOrders pages). */
export const ebayOrders: OrderReader = {
  detect: isEbayOrders,
  events: (doc, channel, file, item, issues) => ebayOrdersOf(doc).flatMap((order) => ebayOrderEvents(order, channel, file, item, issues)),
};
