import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { feedConfigSchema } from '../../../src/config/feed-schema.js';
import amazon from '../../../src/channels/amazon/index.js';
import type { FeedRecord, FeedTarget } from '../../../src/channels/define-channel.js';
import type { Product } from '../../../src/product/product.js';
import { FeedOutput } from '../../../src/run/feed-output.js';
import { createAmazonListingsSerializer } from '../../../src/channels/amazon/amazon-listings.js';
import { documentWriter } from '../../../src/serializers/serializer.js';
import { amazonValidators } from '../../servers/amazon-specs.js';
import { sampleContext, sampleProduct } from '../sample-product.js';

const options = JSON.parse(await readFile(path.resolve('fixtures/channels/options/amazon.json'), 'utf8'));
const parsedOptions = amazon.options!.parse(options);
const v = amazonValidators();
const header = { title: 'Shop', link: 'https://shop.example.com', description: 'All' };

const target = (extra: Partial<FeedTarget> = {}): FeedTarget => ({ id: 'amazon-us', format: 'json', options: parsedOptions, ...extra });
const mapOne = (p: Product, extra: Partial<FeedTarget> = {}, row = 2) => amazon.map(p, { ...sampleContext({ format: 'json' }, row), feed: target(extra) });
/** One document, as the pipeline writes a feed that needs no split. */
function render(products: Product[], extra: Partial<FeedTarget> = {}): { text: string; issues: ReturnType<typeof mapOne>['issues'] } {
  const s = documentWriter(createAmazonListingsSerializer({ format: amazon.formats[0]!, columns: [], header, options: parsedOptions }));
  const issues = [];
  let text = s.header();
  for (const [i, p] of products.entries()) {
    const r = mapOne(p, extra, i + 2);
    issues.push(...r.issues);
    if (r.record) text += s.item(r.record as FeedRecord);
  }
  return { text: text + s.footer(), issues };
}

describe('amazon channel', () => {
  it('writes a JSON_LISTINGS_FEED document that Amazon\'s schema accepts, message by message', () => {
    const { text, issues } = render([sampleProduct(), sampleProduct({ id: 'MUG-1', product_type: 'Home > Kitchen > Mugs', gtin: '012345678905', condition: 'used', size: undefined })]);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    const doc = JSON.parse(text);
    expect(v.feed(doc)).toEqual([]);
    for (const m of doc.messages) expect(v.message(m)).toEqual([]);
    expect(doc.header).toEqual({ sellerId: 'DEMO-SELLER', version: '2.0', issueLocale: 'en_US' });
    expect(doc.messages.map((m: any) => [m.messageId, m.sku, m.operationType, m.productType])).toEqual([
      [2, 'TSHIRT-RED-M', 'UPDATE', 'APPAREL'],
      [3, 'MUG-1', 'UPDATE', 'KITCHEN'],
    ]);
    const a = doc.messages[0].attributes;
    expect(a.item_name).toEqual([{ value: 'Organic Cotton T-Shirt', language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' }]);
    expect(a.externally_assigned_product_identifier).toEqual([{ type: 'ean', value: '4006381333931', marketplace_id: 'ATVPDKIKX0DER' }]);
    expect(a.purchasable_offer).toEqual([
      {
        marketplace_id: 'ATVPDKIKX0DER',
        currency: 'USD',
        our_price: [{ schedule: [{ value_with_tax: 25 }] }],
        discounted_price: [{ schedule: [{ value_with_tax: 19.99, start_at: '2026-11-01T00:00:00Z', end_at: '2026-11-30T23:59:59Z' }] }],
      },
    ]);
    expect(a.fulfillment_availability).toEqual([{ fulfillment_channel_code: 'DEFAULT', quantity: 12 }]);
    expect(a.condition_type[0].value).toBe('new_new');
    expect(a.main_product_image_locator[0].media_location).toBe('https://shop.example.com/img/tshirt-red.jpg');
    expect(a.other_product_image_locator_2[0].media_location).toBe('https://shop.example.com/img/tshirt-red-side.jpg');
    expect(a.product_description[0].value).not.toContain('<');
    expect(a.bullet_point.map((b: any) => b.value)).toEqual(['Soft organic cotton.', 'Made in Portugal & dyed without chlorine.']);
    expect(a.color[0].value).toBe('Red');
    const mug = doc.messages[1].attributes;
    expect(mug.externally_assigned_product_identifier[0].type).toBe('upc');
    expect(mug.condition_type[0].value).toBe('used_very_good');
    expect(mug.size).toBeUndefined();
  });

  it('picks the product type by the longest matching prefix, a rule column, or the default', () => {
    const type = (p: Partial<Product>) => (mapOne(sampleProduct(p)).record as FeedRecord).productType;
    expect(type({ product_type: 'Apparel > Tops > T-Shirts > V-Neck' })).toBe('SHIRT');
    expect(type({ product_type: 'apparel>tops' })).toBe('APPAREL');
    expect(type({ product_type: 'Apparels' })).toBe('PRODUCT');
    expect(type({ product_type: 'Garden', google_product_category: 'Home > Kitchen' })).toBe('KITCHEN');
    expect(type({ extra: { amazon_product_type: 'luggage' } })).toBe('LUGGAGE');
  });

  it('sends PATCH messages with only price and quantity under --only price,quantity', () => {
    const { text } = render([sampleProduct(), sampleProduct({ id: 'B', sale_price: undefined, quantity: 0 })], { only: ['price', 'quantity'] });
    const doc = JSON.parse(text);
    expect(v.feed(doc)).toEqual([]);
    expect(doc.messages[1]).toEqual({
      messageId: 3,
      sku: 'B',
      operationType: 'PATCH',
      productType: 'APPAREL',
      patches: [
        { op: 'replace', path: '/attributes/purchasable_offer', value: [{ marketplace_id: 'ATVPDKIKX0DER', currency: 'USD', our_price: [{ schedule: [{ value_with_tax: 25 }] }] }] },
        { op: 'replace', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0 }] },
      ],
    });
    const qty = JSON.parse(render([sampleProduct()], { only: ['quantity'] }).text);
    expect(qty.messages[0].patches.map((p: any) => p.path)).toEqual(['/attributes/fulfillment_availability']);
    expect(() => mapOne(sampleProduct(), { only: ['title'] })).toThrow(/only price, quantity/);
  });

  it('excludes what Amazon would refuse, with stable codes', () => {
    const long = mapOne(sampleProduct({ id: 'X'.repeat(41) }));
    expect(long.record).toBeUndefined();
    expect(long.issues.map((i) => i.code)).toContain('amazon.id.too_long');
    const noPrice = mapOne(sampleProduct({ price: undefined, sale_price: undefined }));
    expect(noPrice.issues.map((i) => i.code)).toContain('amazon.price.missing');
    const noQty = mapOne(sampleProduct({ quantity: undefined }));
    expect(noQty.issues.map((i) => [i.code, i.severity])).toContainEqual(['amazon.quantity.missing', 'warning']);
    expect(JSON.parse((noQty.record as FeedRecord).attributes as string).fulfillment_availability).toBeUndefined();
    const oddGtin = mapOne(sampleProduct({ gtin: '12345' }));
    expect(oddGtin.issues.map((i) => i.code)).toContain('amazon.gtin.invalid_length');
  });

  it('fills required color and fabric_type from the catalog or options.attribute_defaults, and says so in the fix', () => {
    const withDefaults = (defaults: Record<string, string>) => ({ ...parsedOptions, attribute_defaults: { ...parsedOptions.attribute_defaults, ...defaults } });
    const attrs = (r: ReturnType<typeof mapOne>) => JSON.parse((r.record as FeedRecord).attributes as string);
    // PRODUCT requires color: without one the item is left out, and the fix names both ways to give it.
    const noColor = mapOne(sampleProduct({ product_type: 'Garden', color: undefined }));
    expect(noColor.record).toBeUndefined();
    const missing = noColor.issues.find((i) => i.code === 'amazon.color.missing')!;
    expect(missing.fix).toBe('Fill in color, or set options.attribute_defaults.color for every item of the feed.');
    const defaulted = mapOne(sampleProduct({ product_type: 'Garden', color: undefined }), { options: withDefaults({ color: 'multicolor' }) });
    expect(defaulted.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(attrs(defaulted).color[0]).toEqual({ value: 'multicolor', language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' });
    // The catalog's color wins over the default.
    expect(attrs(mapOne(sampleProduct({ product_type: 'Garden' }), { options: withDefaults({ color: 'multicolor' }) })).color[0].value).toBe(sampleProduct().color);
    // FURNITURE requires fabric_type: from a fabric_type column, else material, else the default.
    const sofa = (p: Partial<Product>, defaults: Record<string, string> = {}) => mapOne(sampleProduct({ extra: { amazon_product_type: 'FURNITURE' }, ...p }), { options: withDefaults(defaults) });
    expect(attrs(sofa({ material: 'Oak', extra: { amazon_product_type: 'FURNITURE', fabric_type: 'Linen' } })).fabric_type[0].value).toBe('Linen');
    expect(attrs(sofa({ material: 'Velvet' })).fabric_type[0].value).toBe('Velvet');
    expect(attrs(sofa({ material: undefined }, { fabric_type: 'Polyester' })).fabric_type[0].value).toBe('Polyester');
    const bare = sofa({ material: undefined });
    expect(bare.record).toBeUndefined();
    expect(bare.issues.find((i) => i.code === 'amazon.fabric_type.missing')!.fix).toBe('Fill in fabric_type (or material), or set options.attribute_defaults.fabric_type for every item of the feed.');
    // The default of an attribute a type does not require is still only a fallback, never an error source.
    expect(attrs(mapOne(sampleProduct({ product_type: 'Garden' }))).fabric_type).toBeUndefined();
  });

  it('takes a description without a sentence as the one bullet point Amazon requires', () => {
    const mug = mapOne(sampleProduct({ description: 'Ceramic mug, 0.3l' }));
    expect(mug.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(JSON.parse((mug.record as FeedRecord).attributes as string).bullet_point.map((b: any) => b.value)).toEqual(['Ceramic mug, 0.3l']);
    // Stray marks are no bullet point: the item is left out, with the columns that give one.
    const marks = mapOne(sampleProduct({ description: '""' }));
    expect(marks.record).toBeUndefined();
    expect(marks.issues.find((i) => i.code === 'amazon.bullet_point.missing')!.fix).toBe('Fill in bullet_point_1 .. bullet_point_5 (or a description with sentences).');
  });

  it('is checked by a validator that rejects what Amazon would', () => {
    const good = JSON.parse(render([sampleProduct()]).text);
    const bad = (mutate: (d: any) => void) => {
      const d = structuredClone(good);
      mutate(d);
      return v.feed(d);
    };
    expect(bad((d) => (d.header.version = '1.0'))).not.toEqual([]);
    expect(bad((d) => (d.messages = []))).not.toEqual([]);
    expect(bad((d) => delete d.messages[0].productType)).not.toEqual([]);
    expect(bad((d) => (d.messages[0].messageId = 0))).not.toEqual([]);
    expect(bad((d) => (d.messages[0].operationType = 'UPSERT'))).not.toEqual([]);
    expect(bad((d) => (d.messages[0].patches = [{ op: 'replace', path: '/attributes/x', value: [] }]))).not.toEqual([]);
    expect(bad((d) => (d.messages[0].attributes = {}))).not.toEqual([]);
    expect(bad((d) => delete d.header.sellerId)).not.toEqual([]);
  });
});

describe('amazon-listings serializer and the split', () => {
  async function writeParts(products: Product[], split: { maxItems?: number; maxBytes?: number }): Promise<any[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'shelfcast-amazon-'));
    try {
      const format = { ...amazon.formats[0]!, split };
      const output = new FeedOutput(dir, 'amazon.json', format, createAmazonListingsSerializer({ format, columns: [], header, options: parsedOptions }));
      for (const [i, p] of products.entries()) {
        const r = mapOne(p, {}, i + 2);
        await output.write(r.record as FeedRecord, i + 2);
      }
      await output.close();
      await output.commit();
      const docs = [];
      for (const f of output.files) {
        const text = await readFile(f.finalPath, 'utf8');
        if (split.maxBytes) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(split.maxBytes);
        docs.push(JSON.parse(text));
      }
      return docs;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  const many = (n: number, description = 'Short.') => Array.from({ length: n }, (_, i) => sampleProduct({ id: `SKU-${i}`, description }));

  it('closes each part as a complete, valid document past maxItems', async () => {
    const docs = await writeParts(many(7), { maxItems: 3 });
    expect(docs.map((d) => d.messages.length)).toEqual([3, 3, 1]);
    for (const d of docs) expect(v.feed(d)).toEqual([]);
    expect(docs.flatMap((d) => d.messages.map((m: any) => m.sku))).toEqual(many(7).map((p) => p.id));
  });

  it('keeps every part of a large feed under 10 MiB with unique message ids', async () => {
    const text = 'A long sentence about the product that goes on for a while. '.repeat(32);
    const docs = await writeParts(many(5200, text), amazon.formats[0]!.split!);
    expect(docs.length).toBeGreaterThan(1);
    let total = 0;
    for (const d of docs) {
      expect(v.feed(d)).toEqual([]);
      const ids = d.messages.map((m: any) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
      total += d.messages.length;
    }
    expect(total).toBe(5200);
  });

  it('gives a repeated row a fresh message id instead of a duplicate', () => {
    const s = documentWriter(createAmazonListingsSerializer({ format: amazon.formats[0]!, columns: [], header, options: parsedOptions }));
    const rec = mapOne(sampleProduct()).record as FeedRecord;
    const doc = JSON.parse(s.header() + s.item(rec) + s.item({ ...rec, sku: 'OTHER' }) + s.footer());
    expect(v.feed(doc)).toEqual([]);
    expect(doc.messages[0].messageId).toBe(2);
    expect(doc.messages[1].messageId).not.toBe(2);
  });

  it('refuses to start without seller options', () => {
    expect(() => createAmazonListingsSerializer({ format: amazon.formats[0]!, columns: [], header, options: {} })).toThrow(/sellerId/);
  });
});

describe('demo feed feeds/amazon.yaml', () => {
  it('parses with the feed schema and the channel options, and has no destination (no credentials needed)', async () => {
    const config = feedConfigSchema.parse(parseYaml(await readFile(path.resolve('feeds/amazon.yaml'), 'utf8')));
    expect(config.channel).toBe('amazon');
    expect(config.destination).toBeUndefined();
    expect(amazon.options!.safeParse(config.options).success).toBe(true);
  });
});
