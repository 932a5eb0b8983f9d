import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toProductInput } from '../../../src/channels/google/product-input.js';
import { META_NOT_CARRIED, toMetaItem } from '../../../src/channels/meta/items-batch.js';
import { toPinterestItem } from '../../../src/channels/pinterest/items-batch.js';
import type { ChannelDefinition, FeedRecord } from '../../../src/channels/define-channel.js';
import google from '../../../src/channels/google/index.js';
import meta from '../../../src/channels/meta/index.js';
import pinterest from '../../../src/channels/pinterest/index.js';
import { renderFeed } from '../../../src/channels/render-feed.js';
import type { Issue } from '../../../src/issues/issue.js';
import type { Product } from '../../../src/product/product.js';
import { readFeedItems, type FeedItem } from '../../../src/transports/read-feed-records.js';
import { pinterestItemSchema } from '../pinterest/pinterest-item-schema.js';
import { NOW, target } from '../map-helpers.js';
import { intervalProblems, isRfc3339 } from '../../servers/api-checks.js';
import { readSpec } from '../../servers/spec-files.js';
import { protoFields } from '../../servers/merchant-server.js';
import { FEED_TO_PRODUCT_ITEM } from '../../servers/meta-server.js';

/**
 * Parity of file feeds and API pushes: for generated products, every field of a channel's file
 * record reaches the API body built from the written file, with the same value (compared in a
 * canonical form: prices as minor units and currency, dates as instants, enums without case), and
 * every body field is one the channel's spec names (Merchant API protos, Meta ProductItem,
 * Pinterest's item attributes). A field a push cannot carry is listed with its reason and must be
 * absent from the body. The canonical forms are written here, independently of the push code.
 */

// ---- canonical forms of feed values -------------------------------------------------------
const priceCanon = (text: string): string => {
  const m = /^(\d+)(?:\.(\d+))?\s*([A-Z]{3})$/.exec(text.trim());
  if (!m) throw new Error(`not a price: ${text}`);
  return `${BigInt(m[1]!) * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0').slice(0, 6) || '0')} ${m[3]}`;
};
const microsCanon = (p: { amountMicros: string; currencyCode: string }): string => `${p.amountMicros} ${p.currencyCode}`;
/** A date alone is its midnight UTC; as an interval's end, the end of that day. */
const instant = (text: string, end = false): number => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) + (end ? 86_400_000 : 0) : Date.parse(text.replace(' ', 'T')));
const intervalCanon = (text: string): [number, number] => {
  const [a, b] = text.split('/');
  return [instant(a!), instant(b!, true)];
};
const enumCanon = (text: string): string => text.toLowerCase().replace(/[\s_-]+/g, '_');
type Row = Record<string, string>;
const rowCanon = (r: Row): Row => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '' && v !== undefined).map(([k, v]) => [k, k === 'price' ? priceCanon(v) : String(v)]));
const weightCanon = (text: string): string => {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text.trim())!;
  return `${Number(m[1])} ${m[2]!.toLowerCase()}`;
};
const fileCanon = (field: string, value: FeedRecord[string]): unknown => {
  if (value === undefined) return undefined;
  if (field === 'price' || field === 'sale_price') return priceCanon(value as string);
  if (field === 'availability_date') return instant(value as string);
  if (field === 'sale_price_effective_date') return intervalCanon(value as string);
  if (['availability', 'condition', 'gender', 'age_group'].includes(field)) return enumCanon(value as string);
  if (field === 'shipping') return (value as Row[]).map(rowCanon);
  if (field === 'shipping_weight') return weightCanon(value as string);
  if (field === 'identifier_exists') return !/^(no|false)$/i.test(value as string);
  if (field === 'quantity_to_sell_on_facebook') return Number(value);
  return value;
};

// ---- how each push carries a feed field ---------------------------------------------------
interface Parity {
  channel: ChannelDefinition<any>;
  toBody(item: FeedItem): { id: string; body: Record<string, any> } | Issue;
  /** The object whose keys the spec names, and the names it allows. */
  attributesOf(body: Record<string, any>): Record<string, unknown>;
  specFields: Set<string>;
  /** The canonical value of feed field `field` as the body carries it. */
  read(field: string, body: Record<string, any>): unknown;
  notCarried: Record<string, string>;
  /** Timestamps the API reads as RFC 3339, with the problems it would refuse. */
  timestampProblems(body: Record<string, any>): string[];
}

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const merchant: Parity = {
  channel: google,
  toBody: (item) => toProductInput(item, { contentLanguage: 'en', feedLabel: 'US' }),
  attributesOf: (b) => b.productAttributes,
  specFields: protoFields('products_common.proto', 'ProductAttributes'),
  notCarried: {},
  timestampProblems: (b) => [
    ...(b.productAttributes.availabilityDate === undefined || isRfc3339(b.productAttributes.availabilityDate) ? [] : ['availabilityDate']),
    ...(b.productAttributes.salePriceEffectiveDate === undefined ? [] : intervalProblems(b.productAttributes.salePriceEffectiveDate)),
  ],
  read(field, b) {
    const a = b.productAttributes;
    switch (field) {
      case 'id': return b.offerId;
      case 'additional_image_link': return a.additionalImageLinks;
      case 'gtin': return a.gtins?.length === 1 ? a.gtins[0] : a.gtins;
      case 'product_type': return a.productTypes?.length === 1 ? a.productTypes[0] : a.productTypes;
      case 'price': case 'sale_price': return a[camel(field)] && microsCanon(a[camel(field)]);
      case 'availability_date': return a.availabilityDate && Date.parse(a.availabilityDate);
      case 'sale_price_effective_date': return a.salePriceEffectiveDate && [Date.parse(a.salePriceEffectiveDate.startTime), Date.parse(a.salePriceEffectiveDate.endTime)];
      case 'shipping':
        return a.shipping?.map((s: Record<string, any>) => rowCanon({
          country: s.country, region: s.region, postal_code: s.postalCode, service: s.service, price: '',
          min_handling_time: s.minHandlingTime, max_handling_time: s.maxHandlingTime, min_transit_time: s.minTransitTime, max_transit_time: s.maxTransitTime,
        })).map((r: Row, i: number) => ({ ...r, price: microsCanon(a.shipping[i].price) }));
      case 'shipping_weight': return a.shippingWeight && `${a.shippingWeight.value} ${a.shippingWeight.unit}`;
      case 'availability': case 'condition': case 'gender': case 'age_group': return a[camel(field)] && enumCanon(a[camel(field)]);
      default: return a[camel(field)];
    }
  },
};

const metaFields = new Set((readSpec('meta/ProductItem.json').fields as Array<{ name: string }>).map((f) => f.name));
const metaParity: Parity = {
  channel: meta,
  toBody: toMetaItem,
  attributesOf: (b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k === 'shipping' ? 'shipping' : (FEED_TO_PRODUCT_ITEM[k] ?? k), v])),
  // shipping rows are ProductItemShipping objects (ProductItemShipping.json), the item's shipping.
  specFields: new Set([...metaFields, 'shipping']),
  notCarried: META_NOT_CARRIED,
  timestampProblems: (b) => ['sale_price_start_date', 'sale_price_end_date'].filter((k) => b[k] !== undefined && !isRfc3339(b[k])),
  read(field, b) {
    switch (field) {
      case 'sale_price_effective_date': return b.sale_price_start_date && [Date.parse(b.sale_price_start_date), Date.parse(b.sale_price_end_date)];
      case 'additional_image_link': return b.additional_image_link?.split(',');
      case 'price': case 'sale_price': return b[field] && priceCanon(b[field]);
      case 'shipping':
        return b.shipping?.map((s: Record<string, any>) => rowCanon({
          country: s.shipping_country, region: s.shipping_region, service: s.shipping_service,
          price: `${Number(s.shipping_price_value).toFixed(2)} ${s.shipping_price_currency}`,
        }));
      case 'shipping_weight': return b.shipping_weight_value !== undefined ? `${b.shipping_weight_value} ${b.shipping_weight_unit}` : undefined;
      case 'availability': case 'condition': case 'gender': case 'age_group': return b[field] && enumCanon(b[field]);
      default: return b[field];
    }
  },
};

const pinterestParity: Parity = {
  channel: pinterest,
  toBody: toPinterestItem,
  attributesOf: (b) => b.attributes,
  specFields: new Set(Object.keys(pinterestItemSchema().schema.properties)),
  notCarried: {},
  timestampProblems: (b) => (b.attributes.sale_price_effective_date === undefined || b.attributes.sale_price_effective_date.split('/').every(isRfc3339) ? [] : ['sale_price_effective_date']),
  read(field, b) {
    const a = b.attributes;
    switch (field) {
      case 'id': return b.item_id;
      case 'image_link': return a.image_link?.[0];
      case 'sale_price_effective_date': return a.sale_price_effective_date && a.sale_price_effective_date.split('/').map((t: string) => Date.parse(t));
      case 'price': case 'sale_price': return a[field] && priceCanon(a[field]);
      case 'shipping':
        return a.shipping?.split(',').map((t: string) => {
          const [country, place, service, price] = t.split(':');
          return rowCanon({ country: country!, [/\d/.test(place!) ? 'postal_code' : 'region']: place!, service: service!, price: price! });
        });
      case 'shipping_weight': return a.shipping_weight && weightCanon(a.shipping_weight);
      case 'availability': case 'condition': case 'gender': case 'age_group': return a[field] && enumCanon(a[field]);
      default: return a[field];
    }
  },
};

// ---- generated products -------------------------------------------------------------------
const word = fc.constantFrom('Oak', 'Linen', 'Tee', 'Mug', 'Blue', 'Café', 'Größe', '&', '"Pro"', '<b>', '100%');
const words = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((w) => w.join(' '));
const usd = (min: number, max: number) => fc.integer({ min, max }).map((amount) => ({ amount, currency: 'USD' }));
const day = fc.integer({ min: 0, max: 700 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
/** The forms a catalog (and a feed) may hold: a date, a UTC date-time, a date-time with an offset. */
const dateText = fc.tuple(day, fc.constantFrom('', 'T09:30:00Z', 'T23:59:59Z', 'T13:00+01:00', 'T08:15:00-05:00')).map(([d, t]) => d + t);
const shippingRow = fc.record(
  {
    country: fc.constantFrom('US', 'CA'),
    region: fc.constantFrom('CA', 'NY'),
    postal_code: fc.constantFrom('80302', '94*'),
    service: fc.constantFrom('Standard', 'Express'),
    price: usd(0, 5000),
    min_handling_time: fc.constant(1),
    max_handling_time: fc.constant(2),
    min_transit_time: fc.constant(3),
    max_transit_time: fc.constant(5),
  },
  { requiredKeys: ['country', 'price'] },
).map((r) => (r.region && r.postal_code ? { ...r, postal_code: undefined } : r))
  .map((r) => (r.min_handling_time && !(r.max_handling_time && r.min_transit_time && r.max_transit_time) ? { ...r, min_handling_time: undefined, max_handling_time: undefined, min_transit_time: undefined, max_transit_time: undefined } : r));

const productArb = (n: number): fc.Arbitrary<Product> =>
  fc
    .record(
      {
        title: words(8),
        description: words(30),
        mobile: fc.boolean(),
        images: fc.integer({ min: 0, max: 3 }),
        price: usd(100, 100_000),
        sale: fc.option(fc.tuple(fc.integer({ min: 1, max: 99 }), fc.option(fc.tuple(dateText, fc.integer({ min: 1, max: 60 })), { nil: undefined })), { nil: undefined }),
        availability: fc.constantFrom('in_stock', 'out_of_stock', 'preorder', 'backorder' as const),
        availability_date: dateText,
        brand: fc.option(words(2), { nil: undefined }),
        gtin: fc.constantFrom('4006381333931', '0012345678905', undefined),
        mpn: fc.option(fc.constantFrom('OX-100', 'NW/7'), { nil: undefined }),
        condition: fc.option(fc.constantFrom('new', 'used', 'refurbished' as const), { nil: undefined }),
        item_group_id: fc.option(fc.constantFrom('G1', 'G-2'), { nil: undefined }),
        color: fc.option(fc.constantFrom('Red', 'Navy Blue'), { nil: undefined }),
        size: fc.option(fc.constantFrom('S', 'XL', '42'), { nil: undefined }),
        gender: fc.option(fc.constantFrom('male', 'female', 'unisex'), { nil: undefined }),
        age_group: fc.option(fc.constantFrom('adult', 'kids'), { nil: undefined }),
        material: fc.option(words(2), { nil: undefined }),
        pattern: fc.option(fc.constantFrom('Striped'), { nil: undefined }),
        product_type: fc.option(fc.constantFrom('Home > Kitchen', 'Apparel > Tops, Tees'), { nil: undefined }),
        shipping: fc.array(shippingRow, { maxLength: 2 }),
        shipping_weight: fc.option(fc.constantFrom('0.4 kg', '2 lb', '350 g', '12.5 oz'), { nil: undefined }),
        label: fc.option(words(2), { nil: undefined }),
        quantity: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      },
      { requiredKeys: ['title', 'description', 'mobile', 'images', 'price', 'availability', 'availability_date', 'gtin', 'shipping'] },
    )
    .map((g) => {
      const id = `SKU-${n}`;
      const p: Product = {
        id,
        title: g.title,
        description: g.description,
        link: `https://shop.example.com/p/${id}`,
        image_link: `https://cdn.example.com/${id}.jpg`,
        additional_image_link: Array.from({ length: g.images }, (_, i) => `https://cdn.example.com/${id}-${i}.jpg`),
        price: g.price,
        availability: g.availability,
        // Shirts & Tops only with the four fields Google requires of apparel in the US (else it is left out); Mugs otherwise.
        google_product_category: g.color && g.size && g.gender && g.age_group ? '212' : '2169',
        shipping: g.shipping.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
        extra: {},
      };
      if (g.mobile) p.mobile_link = `https://m.shop.example.com/p/${id}`;
      if (g.availability === 'preorder' || g.availability === 'backorder') p.availability_date = g.availability_date;
      if (g.sale) {
        p.sale_price = { amount: Math.floor((g.price.amount * g.sale[0]) / 100), currency: 'USD' };
        if (g.sale[1]) p.sale_price_effective_date = `${g.sale[1][0]}/${new Date(instant(g.sale[1][0]) + g.sale[1][1] * 86_400_000).toISOString().replace('.000Z', 'Z')}`;
      }
      const optional = { brand: g.brand, gtin: g.gtin, mpn: g.mpn, condition: g.condition, item_group_id: g.item_group_id, color: g.color, size: g.size, gender: g.gender, age_group: g.age_group, material: g.material, pattern: g.pattern, product_type: g.product_type, shipping_weight: g.shipping_weight, custom_label_0: g.label, quantity: g.quantity };
      for (const [k, v] of Object.entries(optional)) if (v !== undefined) (p as unknown as Record<string, unknown>)[k] = v;
      if (!p.gtin && !p.mpn) p.brand ??= 'Northwind';
      if (!p.gtin) p.identifier_exists = false;
      return p;
    });
const catalogArb = fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => productArb(i))));

// ---- the property -------------------------------------------------------------------------
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-parity-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Sub-fields of shipping rows that the body does not carry are left out of the comparison. */
const withoutNotCarried = (field: string, value: unknown, notCarried: Record<string, string>): unknown => {
  if (field !== 'shipping' || !Array.isArray(value)) return value;
  const dropped = Object.keys(notCarried).filter((k) => k.startsWith('shipping.')).map((k) => k.slice('shipping.'.length));
  const rows = (value as Row[]).filter((r) => !(dropped.includes('postal_code') && r.postal_code));
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !dropped.includes(k))));
};

describe.each([
  ['Merchant API', merchant],
  ['Meta items_batch', metaParity],
  ['Pinterest items batch', pinterestParity],
] as const)('%s sends what the file feed says (property)', (_name, parity) => {
  it.each(parity.channel.formats.map((f) => f.id))('from the %s feed: every field with its value, only fields of the spec', async (format) => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(catalogArb, async (products) => {
        const items = products.map((product, i) => ({ product, row: i + 2 }));
        const t = target({ format, options: parity.channel === google ? { missingIdentifier: 'keep' } : {} });
        const records = new Map<string, FeedRecord>();
        for (const { product, row } of items) {
          const r = parity.channel.map(product, { feed: t, row, now: NOW });
          for (const rec of [r.record ?? []].flat()) records.set(String(rec.id), rec);
        }
        const { text } = renderFeed(parity.channel, format, t, items, { now: NOW, header: { title: 'Shop', link: 'https://shop.example.com/', description: 'd' } });
        const file = path.join(dir, `${parity.channel.id}.${format}`);
        await writeFile(file, text);
        const read = await readFeedItems(file, parity.channel.formats.find((f) => f.id === format)?.serializer);
        expect(read).toHaveLength(records.size);
        for (const item of read) {
          const built = parity.toBody(item);
          if ('severity' in built) throw new Error(`${built.code}: ${built.message}`);
          const record = records.get(built.id)!;
          for (const key of Object.keys(parity.attributesOf(built.body))) expect(parity.specFields, `${key} is a field of the spec`).toContain(key);
          expect(parity.timestampProblems(built.body)).toEqual([]);
          for (const [field, value] of Object.entries(record)) {
            if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
            if (parity.notCarried[field]) {
              expect(parity.read(field, built.body), `${field} is not carried`).toBeUndefined();
              continue;
            }
            const expected = withoutNotCarried(field, fileCanon(field, value), parity.notCarried);
            const got = parity.read(field, built.body);
            if (Array.isArray(expected) && expected.length === 0) expect(got, field).toBeUndefined();
            else expect(got, `${built.id}.${field}`).toEqual(expected);
            compared++;
          }
        }
      }),
      { numRuns: 40 },
    );
    expect(compared).toBeGreaterThan(500);
  });

  it('lists what it cannot carry with a reason', () => {
    for (const [field, reason] of Object.entries(parity.notCarried)) {
      expect(field).toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});
