import { describe, expect, it } from 'vitest';
import google from '../../../src/channels/google/index.js';
import microsoft from '../../../src/channels/microsoft/index.js';
import { codes, mapOne, product, target } from '../map-helpers.js';

describe('microsoft channel', () => {
  it('writes the same record as Google for a complete product', () => {
    const p = product({ item_group_id: 'g', color: 'Red', shipping: [{ country: 'US', price: { amount: 100, currency: 'USD' } }] });
    expect(mapOne(microsoft, p).one).toEqual(mapOne(google, p).one);
  });

  it('allows descriptions up to 10,000 characters', () => {
    const long = `${'lorem ipsum '.repeat(800)}end`;
    const r = mapOne(microsoft, product({ description: long }));
    expect(r.one!.description).toBe(long);
    expect(r.issues).toEqual([]);
    const longer = mapOne(microsoft, product({ description: 'word '.repeat(2100) }));
    expect((longer.one!.description as string).length).toBeLessThanOrEqual(10_000);
    expect(codes(longer)).toEqual(['microsoft.description.too_long']);
    expect(microsoft.attributes.find((a) => a.name === 'description')!.limit).toBe(10_000);
  });

  it('publishes products without identifiers with identifier_exists=no by default', () => {
    const r = mapOne(microsoft, product({ gtin: undefined }));
    expect(r.one!.identifier_exists).toBe('no');
    expect(r.issues[0]).toMatchObject({ severity: 'warning', code: 'microsoft.gtin.missing_identifier' });
    expect(codes(mapOne(microsoft, product({ gtin: undefined }), target({ options: { missingIdentifier: 'exclude' } })))).toEqual(['microsoft.gtin.missing_identifier']);
  });

  it('requires shipping for feeds in Germany and Austria only', () => {
    const eur = product({ price: { amount: 1000, currency: 'EUR' } });
    expect(codes(mapOne(microsoft, eur, target({ country: 'DE', currency: 'EUR' })))).toEqual(['microsoft.shipping.missing']);
    expect(mapOne(microsoft, eur, target({ country: 'FR', currency: 'EUR' })).one).toBeDefined();
  });

  it('offers xml and tsv', () => {
    expect(microsoft.formats.map((f) => [f.id, f.serializer])).toEqual([['xml', 'rss'], ['tsv', 'tsv']]);
  });
});
