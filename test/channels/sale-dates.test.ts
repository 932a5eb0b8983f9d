import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import amazon from '../../src/channels/amazon/index.js';
import type { ChannelDefinition } from '../../src/channels/define-channel.js';
import ebay from '../../src/channels/ebay/index.js';
import idealo from '../../src/channels/idealo/index.js';
import meta from '../../src/channels/meta/index.js';
import { toMetaItem } from '../../src/channels/meta/items-batch.js';
import pinterest from '../../src/channels/pinterest/index.js';
import { toPinterestItem } from '../../src/channels/pinterest/items-batch.js';
import snapchat from '../../src/channels/snapchat/index.js';
import tiktok from '../../src/channels/tiktok/index.js';
import { codes, mapOne, product, target } from './map-helpers.js';

/**
 * Each channel's sale dates as its documentation gives them, from a date-only interval, a
 * date-time interval read in the feed's time zone, and date-times with their own offsets:
 * - Meta: YYYY-MM-DDThh:mm±hh:mm/… (to the minute, offset with a colon);
 * - Pinterest, TikTok, Snapchat: ISO 8601 start/end with time, seconds and offset;
 * - Amazon: start_at and end_at, RFC 3339 date-times, both required in a discounted_price schedule;
 * - eBay and idealo take no sale dates: the sale price is sent only while the sale runs (NOW is
 *   2026-01-01T00:00:00Z in map-helpers).
 */
const options = (id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/channels/options/${id}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

const sale = (period: string | undefined) =>
  product({ quantity: 5, color: 'Blue', price: { amount: 4999, currency: 'USD' }, sale_price: { amount: 3999, currency: 'USD' }, ...(period ? { sale_price_effective_date: period } : {}) });

const berlin = (channel: string, over: Record<string, unknown> = {}) =>
  target({ timezone: 'Europe/Berlin', options: channel === 'meta' || channel === 'pinterest' || channel === 'snapchat' ? {} : options(channel), ...over });

const INPUTS = {
  dateOnly: '2026-12-01/2026-12-31',
  dateTime: '2026-07-01T09:30/2026-07-15T18:00:45',
  offsets: '2026-03-01T08:00:00Z/2026-03-02T08:00:00-0500',
};

function written(channel: ChannelDefinition<any>, period: string): unknown {
  const r = mapOne(channel, sale(period), berlin(channel.id, channel.id === 'tiktok' ? { format: 'csv' } : {}));
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return r.one?.sale_price_effective_date;
}

describe('Meta: minutes and ±hh:mm (its data feed fields)', () => {
  it('writes a date-only interval from 00:00 to 23:59 in the feed time zone', () => {
    expect(written(meta, INPUTS.dateOnly)).toBe('2026-12-01T00:00+01:00/2026-12-31T23:59+01:00');
  });
  it('reads a date-time without offset in the feed time zone (summer time) and drops the seconds', () => {
    expect(written(meta, INPUTS.dateTime)).toBe('2026-07-01T09:30+02:00/2026-07-15T18:00+02:00');
  });
  it('keeps given offsets, writing Z as +00:00', () => {
    expect(written(meta, INPUTS.offsets)).toBe('2026-03-01T08:00+00:00/2026-03-02T08:00-05:00');
  });
  it('sends the feed value to the API as RFC 3339 sale_price_start_date and _end_date', () => {
    const item = toMetaItem({ id: 'sku-1', sale_price_effective_date: '2026-12-01T00:00+01:00/2026-12-31T23:59+01:00' });
    expect('body' in item && item.body).toMatchObject({ sale_price_start_date: '2026-11-30T23:00:00Z', sale_price_end_date: '2026-12-31T22:59:00Z' });
  });
});

describe.each([
  ['pinterest', pinterest],
  ['tiktok', tiktok],
  ['snapchat', snapchat],
] as const)('%s: ISO 8601 start/end with seconds and offset', (_id, channel) => {
  it('writes a date-only interval from 00:00:00 to 23:59:59 in the feed time zone', () => {
    expect(written(channel, INPUTS.dateOnly)).toBe('2026-12-01T00:00:00+01:00/2026-12-31T23:59:59+01:00');
  });
  it('reads a date-time without offset in the feed time zone', () => {
    expect(written(channel, INPUTS.dateTime)).toBe('2026-07-01T09:30:00+02:00/2026-07-15T18:00:45+02:00');
  });
  it('keeps given offsets, normalised to ±hh:mm', () => {
    expect(written(channel, INPUTS.offsets)).toBe('2026-03-01T08:00:00Z/2026-03-02T08:00:00-05:00');
  });
});

describe('Pinterest API body', () => {
  it('sends both ends as full timestamps, as its OpenAPI example does', () => {
    const item = toPinterestItem({ id: 'sku-1', sale_price_effective_date: '2026-12-01T00:00:00+01:00/2026-12-31T23:59:59+01:00' });
    expect('body' in item && (item.body as { attributes: Record<string, unknown> }).attributes.sale_price_effective_date).toBe('2026-11-30T23:00:00Z/2026-12-31T22:59:59Z');
  });
});

describe('Amazon: start_at and end_at in discounted_price', () => {
  const schedule = (period: string | undefined) => {
    const r = mapOne(amazon, sale(period), berlin('amazon'));
    const attributes = JSON.parse(String(r.one?.attributes)) as { purchasable_offer: Array<{ discounted_price?: Array<{ schedule: Array<Record<string, unknown>> }> }> };
    return { r, discounted: attributes.purchasable_offer[0]!.discounted_price?.[0]!.schedule[0] };
  };
  it('writes a date-only interval as two RFC 3339 date-times in the feed time zone', () => {
    expect(schedule(INPUTS.dateOnly).discounted).toEqual({ value_with_tax: 39.99, start_at: '2026-12-01T00:00:00+01:00', end_at: '2026-12-31T23:59:59+01:00' });
  });
  it('writes date-times with the feed offset, or their own', () => {
    expect(schedule(INPUTS.dateTime).discounted).toMatchObject({ start_at: '2026-07-01T09:30:00+02:00', end_at: '2026-07-15T18:00:45+02:00' });
    expect(schedule(INPUTS.offsets).discounted).toMatchObject({ start_at: '2026-03-01T08:00:00Z', end_at: '2026-03-02T08:00:00-05:00' });
  });
  it('leaves out a sale price without dates (both are required there) with a warning naming the field', () => {
    const { r, discounted } = schedule(undefined);
    expect(discounted).toBeUndefined();
    expect(codes(r)).toContain('amazon.sale_price.dates_missing');
    expect(r.issues.find((i) => i.code === 'amazon.sale_price.dates_missing')).toMatchObject({ severity: 'warning', field: 'sale_price_effective_date', row: 7 });
  });
});

describe('eBay: no sale dates in an offer, so the sale price only while the sale runs', () => {
  const price = (period: string, timezone = 'Europe/Berlin') => {
    const r = mapOne(ebay, sale(period), berlin('ebay', { timezone }));
    return (JSON.parse(String(r.one?.offer)) as { pricingSummary: { price: { value: string }; originalRetailPrice?: { value: string } } }).pricingSummary;
  };
  it('sends the sale price with the regular price struck through during the sale (date-time interval)', () => {
    expect(price('2025-12-20T00:00/2026-01-10T23:59')).toMatchObject({ price: { value: '39.99' }, originalRetailPrice: { value: '49.99' } });
  });
  it('sends the regular price before a date-only sale starts', () => {
    expect(price(INPUTS.dateOnly)).toEqual({ price: { value: '49.99', currency: 'USD' } });
  });
  it("ends a date-only sale at the end of its last day in the feed's time zone", () => {
    // 2025-12-31 ends 22:59:59Z in Berlin (before NOW) and 04:59:59Z the next day in New York (after it).
    expect(price('2025-12-01/2025-12-31').price.value).toBe('49.99');
    expect(price('2025-12-01/2025-12-31', 'America/New_York').price.value).toBe('39.99');
  });
  it('applies the same rule to --only price updates', () => {
    const r = mapOne(ebay, sale(INPUTS.dateOnly), berlin('ebay', { only: ['price'] }));
    expect(JSON.parse(String(r.one?.priceQuantity))).toMatchObject({ offers: [{ price: { value: '49.99' } }] });
  });
});

describe('idealo: no sale dates in its CSV, so price and formerPrice only while the sale runs', () => {
  const cells = (period: string) => mapOne(idealo, sale(period), berlin('idealo', { country: 'DE', currency: 'USD' })).one;
  it('shows the sale during a date-time interval with offsets', () => {
    expect(cells('2025-12-31T12:00:00-0500/2026-01-02T00:00:00Z')).toMatchObject({ price: '39.99', formerPrice: '49.99' });
  });
  it('shows the regular price before a date-only sale starts', () => {
    const one = cells(INPUTS.dateOnly);
    expect(one?.price).toBe('49.99');
    expect(one?.formerPrice).toBeUndefined();
  });
});
