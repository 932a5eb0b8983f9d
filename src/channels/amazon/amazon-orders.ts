import type { OrderReader } from '../define-channel.js';
import { error, issue, type Issue } from '../../issues/issue.js';
import { toIsoTime, type LineEvent } from '../../stock/events.js';
import { isRecord } from '../../stock/read-table.js';

/** True for an SP-API notification of type ORDER_CHANGE. */
export const isAmazonOrderChange = (doc: unknown): boolean =>
  isRecord(doc) && (doc.NotificationType === 'ORDER_CHANGE' || isRecord(isRecord(doc.Payload) ? doc.Payload.OrderChangeNotification : undefined));

/**
 * Turns one ORDER_CHANGE notification into order-line events. Notifications report state, so each
 * becomes cumulative levels per item: reserved = Quantity, shipped = QuantityShipped, and for a
 * Canceled order cancelled = the unshipped rest. A buyer's cancel request is not a cancellation
 * (the seller still decides), and AFN items ship from Amazon's own stock, so neither touches the
 * shared ledger.
 */
export function amazonOrderEvents(doc: unknown, channel: string, file: string, item: number, issues: Issue[]): LineEvent[] {
  const n = isRecord(doc) && isRecord(doc.Payload) ? doc.Payload.OrderChangeNotification : undefined;
  const summary = isRecord(n) ? n.Summary : undefined;
  if (!isRecord(n) || typeof n.AmazonOrderId !== 'string' || !isRecord(summary) || !Array.isArray(summary.OrderItems)) {
    issues.push(error('stock.orders.amazon.invalid', 'not an ORDER_CHANGE notification with Payload.OrderChangeNotification.Summary.OrderItems; skipped', { file, row: item }));
    return [];
  }
  const order = n.AmazonOrderId;
  if (summary.FulfillmentType === 'AFN') {
    issues.push(issue('info', 'stock.orders.amazon.afn_skipped', `order ${order} is fulfilled by Amazon (AFN) from Amazon's stock; skipped`, { file, row: item }));
    return [];
  }
  const changedAt = toIsoTime(n.OrderChangeTrigger?.TimeOfOrderChange) ?? toIsoTime((doc as Record<string, unknown>).EventTime);
  const purchasedAt = toIsoTime(summary.PurchaseDate) ?? changedAt;
  if (!changedAt || !purchasedAt) {
    issues.push(error('stock.orders.amazon.time_missing', `order ${order}: no OrderChangeTrigger.TimeOfOrderChange or EventTime; skipped`, { file, row: item }));
    return [];
  }
  const events: LineEvent[] = [];
  for (const it of summary.OrderItems as unknown[]) {
    if (!isRecord(it) || typeof it.SellerSKU !== 'string' || typeof it.OrderItemId !== 'string' || !Number.isSafeInteger(it.Quantity) || it.Quantity < 0) {
      issues.push(error('stock.orders.amazon.item_invalid', `order ${order}: an item lacks OrderItemId, SellerSKU or a whole Quantity; skipped`, { file, row: item }));
      continue;
    }
    const base = { channel, order, line: it.OrderItemId as string, sku: it.SellerSKU as string };
    const quantity = it.Quantity as number;
    const shipped = Math.min(quantity, Number.isSafeInteger(it.QuantityShipped) ? (it.QuantityShipped as number) : it.OrderItemStatus === 'Shipped' ? quantity : 0);
    events.push({ ...base, kind: 'reserved', quantity, at: purchasedAt });
    if (shipped > 0) events.push({ ...base, kind: 'shipped', quantity: shipped, at: changedAt });
    if (summary.OrderStatus === 'Canceled' && quantity - shipped > 0) events.push({ ...base, kind: 'cancelled', quantity: quantity - shipped, at: changedAt });
  }
  return events;
}

/** Amazon's order reader for `shelfcast stock orders` (ORDER_CHANGE notifications). */
export const amazonOrders: OrderReader = { detect: isAmazonOrderChange, events: amazonOrderEvents };
