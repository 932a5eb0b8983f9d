import { describe, expect, it } from 'vitest';
import snapchat, { SNAPCHAT_FIELDS } from '../../../src/channels/snapchat/index.js';
import { GOOGLE_FIELDS } from '../../../src/channels/common/index.js';
import { codes, mapOne, product, target } from '../map-helpers.js';

const csv = target({ format: 'csv' });

describe('snapchat channel', () => {
  it('uses Google-compatible column names', () => {
    for (const f of SNAPCHAT_FIELDS) expect(GOOGLE_FIELDS as readonly string[]).toContain(f);
    expect(snapchat.formats.map((f) => f.id)).toEqual(['csv']);
  });

  it('maps availability with spaces and keeps item_group_id', () => {
    const { one } = mapOne(snapchat, product({ availability: 'preorder', item_group_id: 'g' }), csv);
    expect(one).toMatchObject({ availability: 'preorder', item_group_id: 'g' });
    expect(mapOne(snapchat, product(), csv).one!.availability).toBe('in stock');
  });

  it('accepts jpeg and png images and rejects other image formats', () => {
    for (const url of ['https://a/x.jpg', 'https://a/x.JPEG', 'https://a/x.png?v=1']) {
      expect(mapOne(snapchat, product({ image_link: url }), csv).one!.image_link).toBe(url);
    }
    const gif = mapOne(snapchat, product({ image_link: 'https://a/x.gif' }), csv);
    expect(gif.record).toBeUndefined();
    expect(gif.issues[0]).toMatchObject({ severity: 'error', code: 'snapchat.image_link.unsupported_format', field: 'image_link', row: 7 });
  });

  it('publishes image URLs without a known image extension (CDN URLs) as they are', () => {
    const url = 'https://cdn.example.com/image/8842?w=800';
    const r = mapOne(snapchat, product({ image_link: url }), csv);
    expect(r.one!.image_link).toBe(url);
    expect(r.issues).toEqual([]);
  });

  it('drops additional images in other formats with a warning', () => {
    const r = mapOne(snapchat, product({ additional_image_link: ['https://a/1.webp', 'https://a/2.png'] }), csv);
    expect(r.one!.additional_image_link).toEqual(['https://a/2.png']);
    expect(codes(r)).toEqual(['snapchat.additional_image_link.unsupported_format']);
  });

  it('needs one of brand, gtin or mpn and a price in the feed currency', () => {
    expect(codes(mapOne(snapchat, product({ brand: undefined, gtin: undefined }), csv))).toEqual(['snapchat.brand.missing']);
    expect(codes(mapOne(snapchat, product({ price: { amount: 5, currency: 'EUR' } }), csv))).toEqual(['snapchat.currency.mismatch']);
  });

  it('truncates titles over 150 characters', () => {
    const r = mapOne(snapchat, product({ title: 'word '.repeat(40) }), csv);
    expect((r.one!.title as string).length).toBeLessThanOrEqual(150);
    expect(codes(r)).toEqual(['snapchat.title.too_long']);
  });
});
