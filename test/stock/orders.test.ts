import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StockLedger } from '../../src/stock/ledger.js';
import { readOrders } from '../../src/stock/read-orders.js';
import { ajv, closed, openApiSchema, spec } from './spec-schemas.js';

const repo = path.resolve(__dirname, '../..');
const fixture = (name: string): string => readFileSync(path.join(repo, 'fixtures/stock/orders', name), 'utf8');

const AT = '2026-03-03T00:00:00.000Z';

describe('Amazon ORDER_CHANGE notifications', () => {
  const text = fixture('amazon-order-change.json');
  const docs = JSON.parse(text) as unknown[];

  it('the samples are valid against the official notification schema', () => {
    const validate = ajv.compile(closed(spec('amazon/OrderChangeNotification.json')));
    for (const doc of docs) expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  it('become cumulative order-line events; AFN orders and buyer cancel requests do not cancel shared stock', () => {
    const r = readOrders(text, 'amazon-order-change.json', { at: AT });
    expect(r.format).toBe('amazon');
    expect(r.issues.map((i) => [i.severity, i.code, i.row])).toEqual([['info', 'stock.orders.amazon.afn_skipped', 4]]);
    const ledger = StockLedger.open(':memory:');
    const applied = ledger.apply(r.events);
    expect(applied).toMatchObject({ inserted: 6, ignored: 4 });
    expect(ledger.events('MUG-BLUE').map((e) => [e.key, e.quantity, e.at])).toEqual([
      ['amazon:111-0000001-0000001:OI-1:reserved', 2, '2026-03-01T09:58:00.000Z'],
      ['amazon:111-0000001-0000001:OI-1:shipped', 2, '2026-03-02T08:00:00.000Z'],
      ['amazon:111-0000002-0000002:OI-3:reserved', 3, '2026-03-01T11:00:00.000Z'],
      ['amazon:111-0000002-0000002:OI-3:cancelled', 3, '2026-03-02T09:00:00.000Z'],
    ]);
    expect(ledger.events('TEE-M').map((e) => e.key)).toEqual([
      'amazon:111-0000001-0000001:OI-2:reserved',
      'amazon:111-0000004-0000004:OI-5:reserved',
    ]);
    expect(ledger.numbers('MUG-BLUE', 0)).toMatchObject({ reserved: 0, onHand: -2 });
    expect(ledger.numbers('TEE-M', 0)).toMatchObject({ reserved: 2 });
    // Reading the same file again changes nothing.
    expect(ledger.apply(readOrders(text, 'amazon-order-change.json', { at: AT }).events).inserted).toBe(0);
    ledger.close();
  });

  it('reports a notification that is not an ORDER_CHANGE as an issue', () => {
    const r = readOrders(JSON.stringify([docs[0], { NotificationType: 'ORDER_CHANGE', Payload: {} }]), 'n.json', { at: AT, format: 'amazon' });
    expect(r.events).toHaveLength(2);
    expect(r.issues.map((i) => [i.code, i.row])).toEqual([['stock.orders.amazon.invalid', 2]]);
  });
});

describe('eBay Fulfillment API orders', () => {
  const text = fixture('ebay-orders.json');

  it('the sample getOrders page is valid against the official OpenAPI schema', () => {
    const validate = ajv.compile(openApiSchema(spec('ebay/sell_fulfillment_v1_oas3.json'), 'OrderSearchPagedCollection'));
    const page = JSON.parse(text);
    expect(validate(page) ? [] : validate.errors).toEqual([]);
  });

  it('become order-line events: FULFILLED ships, CANCELED cancels, a line without SKU is reported', () => {
    const r = readOrders(text, 'ebay-orders.json', { at: AT, channel: 'ebay-us' });
    expect(r.format).toBe('ebay');
    expect(r.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'stock.orders.ebay.sku_missing']]);
    expect(r.events.map((e) => [e.channel, e.order, e.line, e.sku, e.kind, e.quantity, e.at])).toEqual([
      ['ebay-us', '12-00001-00001', '10000000001', 'MUG-BLUE', 'reserved', 1, '2026-03-01T12:00:00.000Z'],
      ['ebay-us', '12-00001-00001', '10000000002', 'TEE-M', 'reserved', 2, '2026-03-01T12:00:00.000Z'],
      ['ebay-us', '12-00002-00002', '10000000004', 'TEE-M', 'reserved', 1, '2026-03-01T13:00:00.000Z'],
      ['ebay-us', '12-00002-00002', '10000000004', 'TEE-M', 'shipped', 1, '2026-03-02T07:00:00.000Z'],
      ['ebay-us', '12-00003-00003', '10000000005', 'MUG-BLUE', 'reserved', 2, '2026-03-01T14:00:00.000Z'],
      ['ebay-us', '12-00003-00003', '10000000005', 'MUG-BLUE', 'cancelled', 2, '2026-03-01T16:00:00.000Z'],
    ]);
  });

  it('reads a single Order object too', () => {
    const order = JSON.parse(text).orders[1];
    expect(readOrders(JSON.stringify(order), 'order.json', { at: AT }).events.map((e) => e.kind)).toEqual(['reserved', 'shipped']);
  });
});

describe('the shelfcast order-event shape', () => {
  it('reads CSV with kind aliases, defaults the line to the SKU, and reports bad rows', () => {
    const r = readOrders(fixture('orders.csv'), 'orders.csv', { at: AT });
    expect(r.format).toBe('shelfcast');
    expect(r.events.map((e) => [e.order, e.line, e.kind, e.quantity])).toEqual([
      ['1001', '1', 'reserved', 2],
      ['1001', '1', 'shipped', 1],
      ['1001', '1', 'shipped', 2],
      ['1002', 'TEE-M', 'reserved', 1],
      ['1002', 'TEE-M', 'cancelled', 1],
    ]);
    expect(r.issues.map((i) => [i.code, i.row])).toEqual([
      ['stock.orders.kind_unknown', 7],
      ['stock.orders.field_missing', 8],
      ['stock.orders.quantity_invalid', 9],
    ]);
  });

  it('records a partial shipment and then the rest as two states of one line', () => {
    const ledger = StockLedger.open(':memory:');
    const events = readOrders(fixture('orders.csv'), 'orders.csv', { at: AT }).events;
    expect(ledger.apply(events).inserted).toBe(5);
    expect(ledger.events('MUG-BLUE').map((e) => e.key)).toEqual(['shop:1001:1:reserved', 'shop:1001:1:shipped', 'shop:1001:1:shipped#2']);
    expect(ledger.numbers('MUG-BLUE', 0)).toMatchObject({ reserved: 0, onHand: -2 });
    expect(ledger.apply(events).inserted).toBe(0);
    ledger.close();
  });

  it('reads JSON ({ events: [...] }) and uses --channel when rows have none', () => {
    const text = JSON.stringify({ events: [{ order: 'A1', sku: 'MUG-BLUE', kind: 'reserved', quantity: 1, at: '2026-03-01T08:00:00Z' }, { order: 'A1', sku: 'MUG-BLUE', kind: 'shipped', quantity: 1 }] });
    const r = readOrders(text, 'events.json', { at: AT, channel: 'pos' });
    expect(r.issues).toEqual([]);
    expect(r.events).toEqual([
      { channel: 'pos', order: 'A1', line: 'MUG-BLUE', sku: 'MUG-BLUE', kind: 'reserved', quantity: 1, at: '2026-03-01T08:00:00.000Z' },
      { channel: 'pos', order: 'A1', line: 'MUG-BLUE', sku: 'MUG-BLUE', kind: 'shipped', quantity: 1, at: AT },
    ]);
  });
});
