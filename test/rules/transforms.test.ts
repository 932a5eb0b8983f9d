import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/product/product.js';
import type { RuleInput } from '../../src/rules/schema.js';
import { deepFreeze, product, run } from './product-fixture.js';

/** [case, product overrides, rules, expected fields of the result (undefined = absent)] */
const CASES: Array<[string, Partial<Product>, RuleInput[], Partial<Product>]> = [
  // set / default
  ['set text', {}, [{ set: { field: 'custom_label_0', value: 'summer' } }], { custom_label_0: 'summer' }],
  ['set from another field', {}, [{ set: { field: 'custom_label_1', from: 'brand' } }], { custom_label_1: 'Acme' }],
  ['set extra column', {}, [{ set: { field: 'extra.note', value: 42 } }], { extra: { note: '42' } }],
  ['set empty removes an optional field', {}, [{ set: { field: 'color', value: '' } }], { color: undefined }],
  ['set price re-validates (currency of the field)', {}, [{ set: { field: 'price', value: '15' } }], { price: { amount: 1500, currency: 'USD' } }],
  ['set price with its currency', {}, [{ set: { field: 'price', value: '12.50 EUR' } }], { price: { amount: 1250, currency: 'EUR' } }],
  ['set price from a column, declared currency', { extra: { price_eur: '17.50' } }, [{ set: { field: 'price', from: 'extra.price_eur', currency: 'EUR' } }], { price: { amount: 1750, currency: 'EUR' } }],
  ['set availability re-validates the spelling', {}, [{ set: { field: 'availability', value: 'out of stock' } }], { availability: 'out_of_stock' }],
  ['set quantity', {}, [{ set: { field: 'quantity', value: 3 } }], { quantity: 3 }],
  ['set identifier_exists from a boolean', {}, [{ set: { field: 'identifier_exists', value: false } }], { identifier_exists: false }],
  ['set a list field', {}, [{ set: { field: 'additional_image_link', value: ['https://a.example/1.jpg', 'https://a.example/2.jpg'] } }], { additional_image_link: ['https://a.example/1.jpg', 'https://a.example/2.jpg'] }],
  ['default fills an empty field', { brand: undefined }, [{ default: { field: 'brand', value: 'House brand' } }], { brand: 'House brand' }],
  ['default keeps a present value', {}, [{ default: { field: 'brand', value: 'House brand' } }], { brand: 'Acme' }],
  // template
  ['template with every field', { color: 'Red' }, [{ template: { field: 'title', value: '{brand} {title} - {color}' } }], { title: 'Acme Linen Shirt - Red' }],
  ['template: missing last field drops its separator', { color: undefined }, [{ template: { field: 'title', value: '{brand} {title} - {color}' } }], { title: 'Acme Linen Shirt' }],
  ['template: missing first field', { brand: undefined }, [{ template: { field: 'title', value: '{brand} {title} - {color}' } }], { title: 'Linen Shirt - Blue' }],
  ['template: missing middle field collapses doubled separators', { size: undefined }, [{ template: { field: 'title', value: '{title} | {size} | {color}' } }], { title: 'Linen Shirt | Blue' }],
  ['template: empty brackets are removed', { size: undefined }, [{ template: { field: 'title', value: '{title} ({size})' } }], { title: 'Linen Shirt' }],
  ['template: literal braces and extra columns', { extra: { fit: 'slim' } }, [{ template: { field: 'description', value: '{{{extra.fit}}}' } }], { description: '{slim}' }],
  ['template: separators inside values are untouched', { brand: 'A - B', color: undefined }, [{ template: { field: 'title', value: '{brand} - {color}' } }], { title: 'A - B' }],
  // append / prepend
  ['append', {}, [{ append: { field: 'title', value: ' (new)' } }], { title: 'Linen Shirt (new)' }],
  ['prepend', {}, [{ prepend: { field: 'title', value: 'New: ' } }], { title: 'New: Linen Shirt' }],
  ['append to an empty field does nothing', { color: undefined }, [{ append: { field: 'color', value: '!' } }], { color: undefined }],
  ['append to each element of a list', { additional_image_link: ['https://a.example/1', 'https://a.example/2'] }, [{ append: { field: 'additional_image_link', value: '.jpg' } }], { additional_image_link: ['https://a.example/1.jpg', 'https://a.example/2.jpg'] }],
  // replace
  ['replace plain, every occurrence', { title: 'a-b-c' }, [{ replace: { field: 'title', find: '-', with: ' ' } }], { title: 'a b c' }],
  ['replace plain keeps $ literal', { title: 'price X' }, [{ replace: { field: 'title', find: 'X', with: '$1' } }], { title: 'price $1' }],
  ['replace plain ignore_case', { title: 'Shirt SHIRT shirt' }, [{ replace: { field: 'title', find: 'shirt', with: 'Top', ignore_case: true } }], { title: 'Top Top Top' }],
  ['replace regex with groups', { title: 'Size 42 shoe' }, [{ replace: { field: 'title', find: 'Size (\\d+)', with: 'EU $1', regex: true } }], { title: 'EU 42 shoe' }],
  ['replace in a URL list', { additional_image_link: ['http://a.example/1.jpg'] }, [{ replace: { field: 'additional_image_link', find: '^http:', with: 'https:', regex: true } }], { additional_image_link: ['https://a.example/1.jpg'] }],
  // truncate
  ['truncate at a word boundary', { title: 'Linen shirt with long sleeves' }, [{ truncate: { field: 'title', max: 20 } }], { title: 'Linen shirt with' }],
  ['truncate keeps short text', {}, [{ truncate: { field: 'title', max: 150 } }], { title: 'Linen Shirt' }],
  ['truncate never splits a surrogate pair', { title: 'ab😀cd' }, [{ truncate: { field: 'title', max: 3 } }], { title: 'ab' }],
  // case
  ['upper: ß becomes SS', { title: 'straße' }, [{ case: { field: 'title', to: 'upper' } }], { title: 'STRASSE' }],
  ['upper: Turkish dotted i with locale tr', { title: 'istanbul' }, [{ case: { field: 'title', to: 'upper', locale: 'tr' } }], { title: 'İSTANBUL' }],
  ['upper without locale maps i to I', { title: 'istanbul' }, [{ case: { field: 'title', to: 'upper' } }], { title: 'ISTANBUL' }],
  ['lower: Turkish dotless I with locale tr', { title: 'IŞIK' }, [{ case: { field: 'title', to: 'lower', locale: 'tr' } }], { title: 'ışık' }],
  ['lower: Greek final sigma', { title: 'ΟΔΟΣ ΣΟΦΙΑΣ' }, [{ case: { field: 'title', to: 'lower' } }], { title: 'οδος σοφιας' }],
  ['title case', { title: 'LINEN shirt, slim-fit' }, [{ case: { field: 'title', to: 'title' } }], { title: 'Linen Shirt, Slim-Fit' }],
  ["title case keeps apostrophes inside words", { title: "men's shirt" }, [{ case: { field: 'title', to: 'title' } }], { title: "Men's Shirt" }],
  ['title case: ß at a word start becomes Ss', { title: 'ßtraße' }, [{ case: { field: 'title', to: 'title' } }], { title: 'Sstraße' }],
  ['title case: Greek keeps the final sigma', { title: 'ΟΔΟΣ ΣΟΦΙΑΣ' }, [{ case: { field: 'title', to: 'title' } }], { title: 'Οδος Σοφιας' }],
  // strip html
  ['strip HTML', { description: '<p>Soft &amp; light</p><ul><li>linen</li></ul>' }, [{ strip_html: { field: 'description' } }], { description: 'Soft & light\n\n- linen' }],
  // lookup
  ['lookup inline table', {}, [{ lookup: { field: 'color', table: { Blue: 'Navy' } } }], { color: 'Navy' }],
  ['lookup miss keeps the value', {}, [{ lookup: { field: 'color', table: { Red: 'Crimson' } } }], { color: 'Blue' }],
  ['lookup miss with default', {}, [{ lookup: { field: 'color', table: { Red: 'Crimson' }, default: 'Other' } }], { color: 'Other' }],
  ['lookup from another field, ignore_case', { extra: { farbe: 'ROT' } }, [{ lookup: { field: 'color', from: 'extra.farbe', file: 'tables/colors.csv', ignore_case: true } }], { color: 'Red' }],
  ['lookup CSV with quoted key', { extra: { farbe: 'grün, hell' } }, [{ lookup: { field: 'color', from: 'extra.farbe', file: 'tables/colors.csv' } }], { color: 'Light green' }],
  // split / join
  ['split into a list field', { extra: { images: 'https://a.example/1.jpg, https://a.example/2.jpg,' } }, [{ split: { field: 'additional_image_link', from: 'extra.images', separator: ',' } }], { additional_image_link: ['https://a.example/1.jpg', 'https://a.example/2.jpg'] }],
  ['split and keep the last part', {}, [{ split: { field: 'custom_label_2', from: 'product_type', separator: '>', index: -1 } }], { custom_label_2: 'Shirts' }],
  ['join a list', { additional_image_link: ['https://a.example/1.jpg', 'https://a.example/2.jpg'] }, [{ join: { field: 'extra.images', from: 'additional_image_link', separator: '|' } }], { extra: { images: 'https://a.example/1.jpg|https://a.example/2.jpg' } }],
  // round
  ['round to .99, nearest', { price: { amount: 1234, currency: 'USD' } }, [{ round: { field: 'price', to: '0.99' } }], { price: { amount: 1199, currency: 'USD' } }],
  ['round to .99, up', { price: { amount: 1234, currency: 'USD' } }, [{ round: { field: 'price', to: 0.99, direction: 'up' } }], { price: { amount: 1299, currency: 'USD' } }],
  ['round to .95, down', { price: { amount: 1234, currency: 'USD' } }, [{ round: { field: 'price', to: '.95', direction: 'down' } }], { price: { amount: 1195, currency: 'USD' } }],
  ['round to .99 never goes negative', { price: { amount: 50, currency: 'USD' } }, [{ round: { field: 'price', to: '0.99', direction: 'down' } }], { price: { amount: 99, currency: 'USD' } }],
  ['round whole, half up', { price: { amount: 1250, currency: 'EUR' } }, [{ round: { field: 'price', to: 'whole' } }], { price: { amount: 1300, currency: 'EUR' } }],
  ['round whole, below half', { price: { amount: 1249, currency: 'EUR' } }, [{ round: { field: 'price', to: 'whole' } }], { price: { amount: 1200, currency: 'EUR' } }],
  ['round whole in a 3-decimal currency', { price: { amount: 12500, currency: 'KWD' } }, [{ round: { field: 'price', to: 'whole', direction: 'down' } }], { price: { amount: 12000, currency: 'KWD' } }],
  ['round a price already on the ending', {}, [{ round: { field: 'price', to: '0.99' } }], { price: { amount: 1999, currency: 'USD' } }],
  ['round JPY whole is a no-op', { price: { amount: 1500, currency: 'JPY' } }, [{ round: { field: 'price', to: 'whole' } }], { price: { amount: 1500, currency: 'JPY' } }],
  // bucket (custom labels)
  ['bucket: price bands', {}, [{ bucket: { field: 'custom_label_0', from: 'price', ranges: [{ max: 10, label: 'under-10' }, { min: 10, max: 50, label: '10-50' }, { min: 50, label: '50-plus' }] } }], { custom_label_0: '10-50' }],
  ['bucket: min inclusive, max exclusive, minor units', { price: { amount: 5000, currency: 'USD' } }, [{ bucket: { field: 'custom_label_0', from: 'price', ranges: [{ max: '50.00', label: 'low' }, { min: 50, label: 'high' }] } }], { custom_label_0: 'high' }],
  ['bucket: bestseller flag from a sales column', { extra: { sales_30d: '120' } }, [{ bucket: { field: 'custom_label_1', from: 'extra.sales_30d', ranges: [{ min: 100, label: 'bestseller' }] } }], { custom_label_1: 'bestseller' }],
  ['bucket: margin bands', { extra: { cost: '12.00' } }, [{ bucket: { field: 'custom_label_2', from: 'price', cost: 'extra.cost', ranges: [{ max: 20, label: 'low-margin' }, { max: 50, label: 'mid-margin' }, { label: 'high-margin' }] } }], { custom_label_2: 'mid-margin' }],
  ['bucket: no value, default', { price: undefined }, [{ bucket: { field: 'custom_label_0', from: 'price', ranges: [{ max: 10, label: 'cheap' }], default: 'unpriced' } }], { custom_label_0: 'unpriced' }],
  ['bucket: no range and no default leaves the field', {}, [{ bucket: { field: 'custom_label_0', from: 'price', ranges: [{ max: 10, label: 'cheap' }] } }], { custom_label_0: undefined }],
  // convert (explicit rates only)
  ['convert with an explicit rate, half up', { price: { amount: 1999, currency: 'EUR' } }, [{ convert: { field: 'price', from: 'EUR', to: 'CHF', rate: '0.9412' } }], { price: { amount: 1881, currency: 'CHF' } }],
  ['convert to a currency without cents', { price: { amount: 1999, currency: 'USD' } }, [{ convert: { field: 'price', from: 'USD', to: 'JPY', rate: 151.37 } }], { price: { amount: 3026, currency: 'JPY' } }],
  ['convert leaves other currencies alone', {}, [{ convert: { field: 'price', from: 'EUR', to: 'CHF', rate: 2 } }], { price: { amount: 1999, currency: 'USD' } }],
  // categories
  ['category mapping', {}, [{ categories: { file: 'categories/google.csv' } }], { google_product_category: '212' }],
  ['category mapping: closest mapped ancestor, path target', { product_type: 'Men > Trousers' }, [{ categories: { file: 'categories/google.csv' } }], { google_product_category: '1604' }],
  ['category mapping: case and spacing ignored', { product_type: 'women>dresses' }, [{ categories: { file: 'categories/google.csv' } }], { google_product_category: '2271' }],
  ['category mapping keeps an existing category', { google_product_category: '187' }, [{ categories: { file: 'categories/google.csv' } }], { google_product_category: '187' }],
  ['category mapping with overwrite', { google_product_category: '187' }, [{ categories: { file: 'categories/google.csv', overwrite: true } }], { google_product_category: '212' }],
  ['category mapping: unmapped stays empty', { product_type: 'Garden' }, [{ categories: { file: 'categories/google.csv' } }], { google_product_category: undefined }],
  // if:
  ['if: the transform runs when the condition holds', { sale_price: { amount: 1500, currency: 'USD' } }, [{ if: { field: 'sale_price', not_empty: true }, set: { field: 'custom_label_3', value: 'on-sale' } }], { custom_label_3: 'on-sale' }],
  ['if: the transform is skipped otherwise', {}, [{ if: { field: 'sale_price', not_empty: true }, set: { field: 'custom_label_3', value: 'on-sale' } }], { custom_label_3: undefined }],
  ['rules apply in order', {}, [{ set: { field: 'title', value: 'a' } }, { append: { field: 'title', value: 'b' } }, { case: { field: 'title', to: 'upper' } }], { title: 'AB' }],
];

describe('transforms', () => {
  it.each(CASES)('%s', (_name, over, rules, expected) => {
    const input = deepFreeze(product(over));
    const r = run(rules, input);
    expect(r.issues).toEqual([]);
    for (const [field, value] of Object.entries(expected)) expect(r.product?.[field as keyof Product], field).toEqual(value);
  });

  it('uses the feed language as the case locale', () => {
    const r = run([{ case: { field: 'title', to: 'upper' } }], product({ title: 'iç' }), undefined, 'tr');
    expect(r.product?.title).toBe('İÇ');
  });

  it.each<[string, Partial<Product>, RuleInput, string]>([
    ['a price that does not parse', {}, { set: { field: 'price', value: 'call us' } }, 'rules[0] (set price to "call us"): price: "call us": not a price; the field keeps its value'],
    ['an empty title', {}, { set: { field: 'title', value: ' ' } }, 'rules[0] (set title to " "): title: title cannot be empty; the field keeps its value'],
    ['a URL that is not absolute', {}, { set: { field: 'link', value: '/p/1' } }, 'rules[0] (set link to "/p/1"): link: "/p/1": not an absolute URL; the field keeps its value'],
    ['.99 in a currency without cents', { price: { amount: 1500, currency: 'JPY' } }, { round: { field: 'price', to: '0.99' } }, 'rules[0] (round price to 0.99 (nearest)): price: JPY has no ending 0.99; the field keeps its value'],
  ])('keeps the value and warns on %s', (_name, over, rule, message) => {
    const input = deepFreeze(product(over));
    const r = run([rule], input);
    expect(r.product).toEqual(input);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'rules.value_invalid', message, feed: 'test', row: 2, id: 'SKU-1' })]);
  });

  it('traces each rule: fired or not, and the fields it changed', () => {
    const trace: import('../../src/rules/types.js').RuleTraceEntry[] = [];
    run(
      [
        { name: 'sale label', if: { field: 'sale_price', not_empty: true }, set: { field: 'custom_label_0', value: 'sale' } },
        { template: { field: 'title', value: '{brand} {title}' } },
        { default: { field: 'brand', value: 'X' } },
        { exclude: { field: 'quantity', equals: 0 } },
      ],
      product(),
      trace,
    );
    expect(trace).toEqual([
      { index: 0, rule: 'sale label', action: 'set', fired: false, changes: [], issues: [] },
      { index: 1, rule: 'template title = "{brand} {title}"', action: 'template', fired: true, changes: [{ field: 'title', before: 'Linen Shirt', after: 'Acme Linen Shirt' }], issues: [] },
      { index: 2, rule: 'default brand to "X"', action: 'default', fired: true, changes: [], issues: [] },
      { index: 3, rule: 'exclude if quantity equals 0', action: 'exclude', fired: false, changes: [], issues: [] },
    ]);
  });
});
