import { describe, expect, it } from 'vitest';
import type { MappedRow } from '../../src/catalog/types.js';
import { error, ShelfcastError, warning } from '../../src/issues/issue.js';
import { createValidator } from '../../src/product/validate.js';
import { productSchema } from '../../src/product/product-schema.js';

let nextRow = 2;
const row = (fields: Record<string, string>, extra: Record<string, string> = {}, r = nextRow++): MappedRow => ({ row: r, fields, extra });
const base = { id: 'SKU-1', title: 'Blue shirt' };
const codes = (issues: { code: string; severity: string }[]) => issues.map((i) => `${i.severity}:${i.code}`);

describe('createValidator', () => {
  it('turns a full row into a canonical product', () => {
    const v = createValidator({ currency: 'USD' });
    const out = v.validate(
      row(
        {
          id: ' SKU-1 ',
          title: ' Blue shirt ',
          description: 'Soft cotton',
          link: 'https://shop.example.com/p/1',
          mobile_link: 'https://m.shop.example.com/p/1',
          image_link: 'https://cdn.example.com/1.jpg',
          additional_image_link: 'https://cdn.example.com/2.jpg, https://cdn.example.com/3.jpg',
          price: '19.99',
          sale_price: '14.99 USD',
          sale_price_effective_date: '2025-03-01/2025-03-15',
          availability: 'InStock',
          availability_date: '2025-03-01 10:00',
          quantity: '12',
          brand: 'Acme',
          gtin: '4006381333931',
          mpn: 'A-1',
          identifier_exists: 'yes',
          condition: 'NewCondition',
          shipping: 'US:CA:Overnight:16.00 USD',
          color: 'Blue',
          size: 'M',
          custom_label_0: 'summer',
          material: '',
        },
        { 'Meta: color_hex': '#00f' },
        5,
      ),
    );
    expect(out.issues).toEqual([]);
    expect(productSchema.parse(out.item?.product)).toEqual(out.item?.product);
    expect(out.item).toEqual({
      row: 5,
      product: {
        id: 'SKU-1',
        title: 'Blue shirt',
        description: 'Soft cotton',
        link: 'https://shop.example.com/p/1',
        mobile_link: 'https://m.shop.example.com/p/1',
        image_link: 'https://cdn.example.com/1.jpg',
        additional_image_link: ['https://cdn.example.com/2.jpg', 'https://cdn.example.com/3.jpg'],
        price: { amount: 1999, currency: 'USD' },
        sale_price: { amount: 1499, currency: 'USD' },
        sale_price_effective_date: '2025-03-01/2025-03-15',
        availability: 'in_stock',
        availability_date: '2025-03-01T10:00',
        quantity: 12,
        brand: 'Acme',
        gtin: '4006381333931',
        mpn: 'A-1',
        identifier_exists: true,
        condition: 'new',
        shipping: [{ country: 'US', region: 'CA', service: 'Overnight', price: { amount: 1600, currency: 'USD' } }],
        color: 'Blue',
        size: 'M',
        custom_label_0: 'summer',
        extra: { 'Meta: color_hex': '#00f' },
      },
    });
  });

  it('needs only id and title', () => {
    const out = createValidator().validate(row(base));
    expect(out.issues).toEqual([]);
    expect(out.item?.product).toEqual({ ...base, additional_image_link: [], shipping: [], extra: {} });
  });

  it('reports a missing id and title as errors on the row', () => {
    const out = createValidator().validate(row({ id: '  ', title: '' }, {}, 7));
    expect(out.item).toBeUndefined();
    expect(out.issues.map((i) => [i.code, i.severity, i.row, i.field])).toEqual([
      ['id.missing', 'error', 7, 'id'],
      ['title.missing', 'error', 7, 'title'],
    ]);
    expect(out.issues[0].id).toBeUndefined();
  });

  it('reports invalid values with row, id, field, code, value and advice', () => {
    const out = createValidator().validate(
      row({ ...base, price: '12,99 USD', gtin: '4006381333932', link: 'javascript:alert(1)', image_link: '/img/1.jpg', availability: 'maybe' }, {}, 9),
    );
    expect(out.item).toBeUndefined();
    expect(codes(out.issues)).toEqual([
      'error:price.ambiguous',
      'warning:gtin.check_digit',
      'error:link.scheme',
      'error:image_link.not_absolute',
      'error:availability.unknown',
    ]);
    const price = out.issues[0];
    expect(price).toMatchObject({ row: 9, id: 'SKU-1', field: 'price' });
    expect(price.message).toContain('"12,99 USD"');
    expect(price.message).toContain('catalog.locale');
    expect(price.fix).toBeTruthy();
  });

  it.each([
    ['price', 'abc', 'price.invalid'],
    ['price', '-5 USD', 'price.negative'],
    ['price', '12.999 USD', 'price.too_many_decimals'],
    ['price', '12.99 XYZ', 'price.currency_unknown'],
    ['price', '12.99', 'price.currency_missing'],
    ['link', 'www.example.com', 'link.not_absolute'],
    ['link', 'https://u:p@example.com/', 'link.credentials'],
    ['image_link', 'https://example.com/a b.jpg', 'image_link.whitespace'],
    ['id', '1.23457E+11', 'id.spreadsheet_number'],
  ])('%s %j is an error %s', (field, value, code) => {
    const out = createValidator().validate(row({ ...base, [field]: value }));
    expect(out.item).toBeUndefined();
    expect(codes(out.issues)).toEqual([`error:${code}`]);
    expect(out.issues[0].field).toBe(field);
  });

  it('names the row, the value and the fix of a price currency that is not ISO 4217', () => {
    const out = createValidator().validate(row({ ...base, price: '12.99 EUX' }, {}, 9));
    expect(out.issues[0]).toMatchObject({ row: 9, field: 'price', code: 'price.currency_unknown', fix: 'Use a code such as USD, EUR or GBP.' });
    expect(out.issues[0].message).toContain('"EUX" is not an ISO 4217 currency code');
  });

  it.each([
    ['sale_price', 'abc', 'sale_price.invalid'],
    ['gtin', '123', 'gtin.length'],
    ['gtin', '00000000', 'gtin.all_zero'],
    ['gtin', '3.65275E+11', 'gtin.spreadsheet_number'],
    ['mpn', '4.00638E+12', 'mpn.spreadsheet_number'],
    ['item_group_id', '1,2E+05', 'item_group_id.spreadsheet_number'],
    ['mobile_link', 'data:text/html,x', 'mobile_link.scheme'],
    ['condition', 'mint', 'condition.unknown'],
    ['quantity', '-1', 'quantity.invalid'],
    ['identifier_exists', 'maybe', 'identifier_exists.invalid'],
    ['availability_date', '2025-02-30', 'availability_date.invalid'],
    ['sale_price_effective_date', '2025-03-15/2025-03-01', 'sale_price_effective_date.order'],
    ['shipping', 'US:CA:16.00 USD', 'shipping.invalid'],
  ])('an optional %s %j is left out with a warning %s, and the item stays', (field, value, code) => {
    const out = createValidator().validate(row({ ...base, [field]: value }, {}, 7));
    expect(out.item).toBeDefined();
    expect(codes(out.issues)).toEqual([`warning:${code}`]);
    const w = out.issues[0];
    expect(w).toMatchObject({ row: 7, field });
    expect(w.message).toContain(JSON.stringify(value));
    expect(w.message).toContain('the field is left out');
    expect(w.fix).toBeTruthy();
    const kept = out.item!.product as unknown as Record<string, unknown>;
    expect(kept[field] === undefined || (Array.isArray(kept[field]) && (kept[field] as unknown[]).length === 0)).toBe(true);
  });

  it('names a spreadsheet-converted value as such, with the re-export fix', () => {
    const out = createValidator().validate(row({ ...base, gtin: '3.65275E+11' }));
    expect(out.issues[0]!.message).toMatch(/looks like a number converted by a spreadsheet/);
    expect(out.issues[0]!.fix).toMatch(/as text/);
  });

  it('reads prices with the declared locale and currency', () => {
    const v = createValidator({ locale: 'de-DE', currency: 'EUR' });
    const out = v.validate(row({ ...base, price: '1.234,56', sale_price: '999,00 €', shipping: 'DE::Standard:4,95 EUR,AT::Standard:9,95' }));
    expect(out.issues).toEqual([]);
    expect(out.item?.product.price).toEqual({ amount: 123456, currency: 'EUR' });
    expect(out.item?.product.sale_price).toEqual({ amount: 99900, currency: 'EUR' });
    expect(out.item?.product.shipping.map((s) => s.price)).toEqual([
      { amount: 495, currency: 'EUR' },
      { amount: 995, currency: 'EUR' },
    ]);
  });

  it('drops a sale price that is not lower, or in another currency, with a warning', () => {
    const v = createValidator();
    const same = v.validate(row({ ...base, price: '10.00 USD', sale_price: '10.00 USD' }));
    expect(codes(same.issues)).toEqual(['warning:sale_price.not_lower']);
    expect(same.issues[0].message).toContain('10.00 USD');
    expect(same.item?.product.sale_price).toBeUndefined();
    expect(same.item?.product.price).toEqual({ amount: 1000, currency: 'USD' });
    const other = v.validate(row({ id: 'SKU-2', title: 'T', price: '10.00 USD', sale_price: '5.00 EUR' }));
    expect(codes(other.issues)).toEqual(['warning:sale_price.currency']);
    expect(other.item?.product.sale_price).toBeUndefined();
  });

  it('keeps a sale price without a price (channels decide)', () => {
    const out = createValidator().validate(row({ ...base, sale_price: '5.00 USD' }));
    expect(out.item?.product.sale_price).toEqual({ amount: 500, currency: 'USD' });
  });

  it('keeps at most 10 additional images and leaves out invalid ones, with warnings', () => {
    const links = Array.from({ length: 12 }, (_, i) => `https://cdn.example.com/${i}.jpg`);
    const out = createValidator().validate(row({ ...base, additional_image_link: ['javascript:x', ...links].join(',') }));
    expect(codes(out.issues)).toEqual(['warning:additional_image_link.scheme', 'warning:additional_image_link.too_many']);
    expect(out.item?.product.additional_image_link).toEqual(links.slice(0, 10));
  });

  it('removes control characters from text with a warning', () => {
    const out = createValidator().validate(row({ id: 'A\u0001', title: 'Shirt\u0000', description: '\u0007' }));
    expect(codes(out.issues)).toEqual(['warning:text.control_chars', 'warning:text.control_chars', 'warning:text.control_chars']);
    expect(out.issues.map((i) => [i.field, i.id])).toEqual([
      ['id', 'A'],
      ['title', 'A'],
      ['description', 'A'],
    ]);
    expect(out.item?.product).toMatchObject({ id: 'A', title: 'Shirt' });
    expect(out.item?.product.description).toBeUndefined();
  });

  it('rejects every later row with a duplicate id and warns on the first at the end', () => {
    const v = createValidator();
    const first = v.validate(row({ ...base }, {}, 2));
    const second = v.validate(row({ ...base, title: 'Other' }, {}, 3));
    const other = v.validate(row({ id: 'SKU-2', title: 'X' }, {}, 4));
    const third = v.validate(row({ ...base }, {}, 5));
    expect(first.item).toBeDefined();
    expect(other.item).toBeDefined();
    for (const [out, r] of [
      [second, 3],
      [third, 5],
    ] as const) {
      expect(out.item).toBeUndefined();
      expect(out.issues).toHaveLength(1);
      expect(out.issues[0]).toMatchObject({ severity: 'error', code: 'id.duplicate', row: r, id: 'SKU-1', field: 'id' });
      expect(out.issues[0].message).toContain('row 2');
    }
    const end = v.finish();
    expect(end).toHaveLength(1);
    expect(end[0]).toMatchObject({ severity: 'warning', code: 'id.duplicate', row: 2, id: 'SKU-1', field: 'id' });
    expect(end[0].message).toContain('rows 3, 5');
  });

  it('lists at most 10 duplicate rows in the end warning', () => {
    const v = createValidator();
    for (let r = 2; r < 20; r++) v.validate(row(base, {}, r));
    expect(v.finish()[0].message).toContain('rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 7 more');
  });

  it('passes reader and mapping issues through; their errors reject the row', () => {
    const v = createValidator();
    const bad = v.validate({ row: 4, fields: base, extra: {}, issues: [error('csv.utf8', 'invalid UTF-8', { row: 4 })] });
    expect(bad.item).toBeUndefined();
    expect(bad.issues).toEqual([{ severity: 'error', code: 'csv.utf8', message: 'invalid UTF-8', row: 4, id: 'SKU-1' }]);
    const fine = v.validate({ row: 5, fields: { id: 'B', title: 'T' }, extra: {}, issues: [warning('map.note', 'note', { row: 5 })] });
    expect(fine.item).toBeDefined();
    expect(codes(fine.issues)).toEqual(['warning:map.note']);
  });

  it('keeps canonical fields it does not model in extra, reporting each name once', () => {
    const v = createValidator();
    const extraIn = { Origin: 'DE' };
    const one = v.validate(row({ ...base, multipack: '2', adult: 'no' }, extraIn));
    expect(codes(one.issues)).toEqual(['info:field.unsupported', 'info:field.unsupported']);
    expect(one.item?.product.extra).toEqual({ Origin: 'DE', multipack: '2', adult: 'no' });
    expect(extraIn).toEqual({ Origin: 'DE' });
    const two = v.validate(row({ id: 'B', title: 'T', multipack: '3' }));
    expect(two.issues).toEqual([]);
    expect(two.item?.product.extra).toEqual({ multipack: '3' });
  });

  it('throws a ShelfcastError for invalid options, before any row', () => {
    expect(() => createValidator({ currency: 'EURO' })).toThrow(ShelfcastError);
    expect(() => createValidator({ currency: 'XYZ' })).toThrow(/catalog\.currency/);
    expect(() => createValidator({ locale: 'not a locale!' })).toThrow(/catalog\.locale/);
  });

  it('treats whitespace-only values as absent', () => {
    const out = createValidator().validate(row({ ...base, price: '  ', gtin: '\u00a0', link: '\t' }));
    expect(out.issues).toEqual([]);
    expect(out.item?.product.price).toBeUndefined();
  });

  it('reads numbers and booleans from hand-built rows as text', () => {
    const out = createValidator().validate({ row: 2, fields: { id: 42, title: 'T', quantity: 3, identifier_exists: false } as never, extra: {} });
    expect(out.issues).toEqual([]);
    expect(out.item?.product).toMatchObject({ id: '42', quantity: 3, identifier_exists: false });
  });

  it('writes one sentence of problem and one of advice', () => {
    const out = createValidator().validate(row({ ...base, image_link: '/m/h/mh01.jpg' }));
    expect(out.issues[0].message).toBe('image_link "/m/h/mh01.jpg": not an absolute URL. Write the full address, starting with https://.');
    const missing = createValidator().validate(row({ title: 'T' }));
    expect(missing.issues[0].message).toMatch(/^id is missing\. Give every product a unique id .*\.$/);
    expect(missing.issues[0].message).not.toContain('..');
  });

  it('shortens long values in messages', () => {
    const long = `https://shop.example.com/${'x'.repeat(300)} y`;
    const out = createValidator().validate(row({ ...base, link: long }));
    expect(out.issues[0].message.length).toBeLessThan(200);
    expect(out.issues[0].message).toContain('…');
  });
});
