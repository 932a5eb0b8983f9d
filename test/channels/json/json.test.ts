import { describe, expect, it } from 'vitest';
import json from '../../../src/channels/json/index.js';
import { genericOptionsSchema } from '../../../src/channels/generic/column-options.js';
import { renderFeed } from '../../../src/channels/render-feed.js';
import type { FeedTarget } from '../../../src/channels/define-channel.js';
import { sampleProduct } from '../sample-product.js';

const COLUMNS = [
  { name: 'id', field: 'id', required: true },
  { name: 'price', field: 'price', format: 'amount' },
  { name: 'currency', field: 'price', format: 'currency' },
  { name: 'images', field: 'additional_image_link' },
  { name: 'images_joined', field: 'additional_image_link', join: ' ' },
  { name: 'in_stock', field: 'availability' },
  { name: 'label', field: 'extra.Supplier Code' },
  { name: 'channel', value: 'partner' },
];
const target = (format: string): FeedTarget => ({ id: 'partner-json', format, options: genericOptionsSchema.parse({ columns: COLUMNS }) });
const products = [sampleProduct(), sampleProduct({ id: 'MUG-1', additional_image_link: [], extra: {}, title: 'Mug "Ünïcode" ☕' })];
const items = products.map((product, i) => ({ product, row: i + 2 }));
const opts = { now: new Date(0), header: { title: '', link: '', description: '' } };

describe('generic json channel', () => {
  it('writes a JSON array of objects with the declared keys; lists stay arrays unless joined', () => {
    const { text, issues } = renderFeed(json, 'json', target('json'), items, opts);
    expect(issues).toEqual([]);
    const parsed = JSON.parse(text);
    expect(parsed).toEqual([
      {
        id: 'TSHIRT-RED-M',
        price: '25.00',
        currency: 'USD',
        images: ['https://shop.example.com/img/tshirt-red-back.jpg', 'https://shop.example.com/img/tshirt-red-side.jpg'],
        images_joined: 'https://shop.example.com/img/tshirt-red-back.jpg https://shop.example.com/img/tshirt-red-side.jpg',
        in_stock: 'in_stock',
        label: 'SUP-77',
        channel: 'partner',
      },
      { id: 'MUG-1', price: '25.00', currency: 'USD', images: [], images_joined: '', in_stock: 'in_stock', label: '', channel: 'partner' },
    ]);
    expect(Object.keys(parsed[0])).toEqual(COLUMNS.map((c) => c.name));
  });

  it('writes NDJSON: one object per line, the same records', () => {
    const { text } = renderFeed(json, 'ndjson', target('ndjson'), items, opts);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => JSON.parse(l))).toEqual(JSON.parse(renderFeed(json, 'json', target('json'), items, opts).text));
  });

  it('declares its formats and the fields a column may read', () => {
    expect(json.formats.map((f) => [f.id, f.ext, f.contentType])).toEqual([
      ['json', 'json', 'application/json'],
      ['ndjson', 'ndjson', 'application/x-ndjson'],
    ]);
    expect(json.attributes.map((a) => a.name)).toEqual(expect.arrayContaining(['id', 'price', 'gtin', 'extra.<column>']));
  });
});
