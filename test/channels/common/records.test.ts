import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupByPrefix } from '../../../src/channels/common/prefix-table.js';
import { compactRecord, GOOGLE_FIELDS, perOptions, priceText, recordPicker, salePriceText, splitVariants, variantFields } from '../../../src/channels/common/index.js';
import google from '../../../src/channels/google/index.js';
import meta, { META_FIELDS } from '../../../src/channels/meta/index.js';
import pinterest from '../../../src/channels/pinterest/index.js';
import tiktok from '../../../src/channels/tiktok/index.js';
import type { FeedRecord } from '../../../src/channels/define-channel.js';
import { formatMoney } from '../../../src/product/money-format.js';
import type { Product } from '../../../src/product/product.js';
import { sampleContext, sampleProduct } from '../sample-product.js';

/** Helpers that replaced per-item loops, spreads and copies, checked against what they replaced. */

const reference = {
  splitVariants(product: Product): Product[] {
    const list = (value: string | undefined): (string | undefined)[] => {
      const parts = (value ?? '').split('|').map((s) => s.trim()).filter(Boolean);
      return parts.length ? parts : [undefined];
    };
    const slug = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');
    const variantTitle = (p: Product): string => {
      const lower = p.title.toLowerCase();
      const extra = [p.color, p.size].filter((v): v is string => !!v && !lower.includes(v.toLowerCase()));
      if (!p.item_group_id || extra.length === 0) return p.title;
      return `${p.title} - ${extra.join(' / ')}`;
    };
    const colors = list(product.color);
    const sizes = list(product.size);
    if (colors.length === 1 && sizes.length === 1) return [{ ...product, title: variantTitle(product) }];
    const out: Product[] = [];
    for (const color of colors) {
      for (const size of sizes) {
        const suffix = [color, size].filter((v): v is string => !!v).map(slug).join('-');
        const variant: Product = { ...product, id: `${product.id}-${suffix}`, item_group_id: product.item_group_id ?? product.id };
        if (color) variant.color = color;
        if (size) variant.size = size;
        out.push({ ...variant, title: variantTitle(variant) });
      }
    }
    return out;
  },
  lookupByPrefix<T>(p: Product, table: Record<string, T>): T | undefined {
    const norm = (s: string): string => s.toLowerCase().replace(/\s*>\s*/g, ' > ').trim();
    let best: [number, T] | undefined;
    for (const source of [p.product_type, p.google_product_category]) {
      if (!source) continue;
      const value = norm(source);
      for (const [key, mapped] of Object.entries(table)) {
        const k = norm(key);
        if ((value === k || value.startsWith(`${k} >`)) && (!best || k.length > best[0])) best = [k.length, mapped];
      }
    }
    return best?.[1];
  },
};

/** Same keys in the same order and the same values. */
const sameRecord = (a: FeedRecord, b: FeedRecord) => {
  expect(Object.keys(a)).toEqual(Object.keys(b));
  expect(a).toEqual(b);
};

describe('recordPicker', () => {
  const FIELDS = ['id', 'title', 'tags', 'shipping', '0', 'with space', '"quoted"'] as const;
  const value = fc.constantFrom(undefined, '', 'x', [], ['a'], [{ k: 'v' }]);
  it('keeps what compactRecord keeps, in field-list order (property)', () => {
    fc.assert(
      fc.property(fc.tuple(...FIELDS.map(() => value)), (vs) => {
        const values = Object.fromEntries(FIELDS.map((f, i) => [f, vs[i]])) as Record<string, never>;
        sameRecord(recordPicker(FIELDS)(values), compactRecord(values));
        // The list decides the order, not the values object; keys outside the list are left out.
        const reversed = [...FIELDS].reverse();
        const withOther: Record<string, never> = { ...values, other: 'x' as never };
        sameRecord(recordPicker(reversed)(withOther), compactRecord(Object.fromEntries(reversed.map((f) => [f, values[f]]))));
      }),
    );
  });
});

describe('channel records keep their column order', () => {
  const full = sampleProduct({ mobile_link: 'https://shop.example.com/m', pattern: 'Striped', shipping_weight: '1 kg', custom_label_0: 'a', custom_label_4: 'e' });
  const keys = (r: ReturnType<typeof google.map>) => Object.keys(r.record as FeedRecord);
  const inOrder = (got: string[], order: readonly string[]) => expect(got).toEqual(order.filter((f) => got.includes(f)));
  it('google, meta, pinterest and tiktok', () => {
    inOrder(keys(google.map(full, sampleContext({ format: 'xml' }))), GOOGLE_FIELDS);
    inOrder(keys(meta.map(full, sampleContext({ format: 'csv' }))), META_FIELDS);
    expect(keys(meta.map(full, sampleContext({ format: 'csv' })))).toContain('rich_text_description');
    for (const channel of [pinterest, tiktok]) inOrder(keys(channel.map(full, sampleContext({ format: 'csv', options: {} }))), channel.attributes.map((a) => a.name));
  });
});

describe('variants', () => {
  const cell = fc.option(fc.constantFrom('Red', 'red', ' Red | Blue ', 'S|M', '|', '||', 'XL|', 'Größe 40', 'Navy/White', '', ' '), { nil: undefined });
  it('splitVariants and variantFields give the products the copying version gave (property)', () => {
    fc.assert(
      fc.property(cell, cell, fc.option(fc.constantFrom('G-1', ''), { nil: undefined }), fc.constantFrom('Tee', 'Red Tee', 'tee s'), (color, size, group, title) => {
        const p = sampleProduct({ title, color, size, item_group_id: group });
        for (const k of ['color', 'size', 'item_group_id'] as const) if (p[k] === undefined) delete p[k];
        const expected = reference.splitVariants(p);
        const got = splitVariants(p);
        expect(got.map((v) => Object.keys(v))).toEqual(expected.map((v) => Object.keys(v)));
        expect(got).toEqual(expected);
        expect(variantFields(p).map((v) => [v.id, v.title, v.color ?? p.color, v.size ?? p.size])).toEqual(expected.map((v) => [v.id, v.title, v.color, v.size]));
      }),
    );
  });
});

describe('memos and caches', () => {
  it('priceText and salePriceText are formatMoney, whatever the order of calls (property)', () => {
    const money = fc.record({ amount: fc.integer({ min: -1000, max: 100_000 }), currency: fc.constantFrom('USD', 'JPY', 'KWD') });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), money), { maxLength: 20 }), (calls) => {
        for (const [sale, m] of calls) expect((sale ? salePriceText : priceText)(m)).toBe(formatMoney(m));
      }),
    );
    expect(priceText({ amount: -0, currency: 'USD' })).toBe(formatMoney({ amount: 0, currency: 'USD' }));
  });

  it('perOptions derives once per options object', () => {
    let calls = 0;
    const derive = perOptions((o: { n: number }) => ({ n: o.n, call: ++calls }));
    const a = { n: 1 };
    expect([derive(a), derive(a), derive({ n: 1 })]).toEqual([{ n: 1, call: 1 }, { n: 1, call: 1 }, { n: 1, call: 2 }]);
  });

  it('lookupByPrefix finds what the per-item normalisation found (property)', () => {
    const path = fc.constantFrom('Apparel', 'apparel >tops', 'Apparel > Tops > T-Shirts', ' Home>Kitchen ', 'Home > Kitchen > Mugs', 'Apparels', '212', '');
    fc.assert(
      fc.property(fc.dictionary(path, fc.constantFrom('A', 'B', 'C'), { maxKeys: 4 }), fc.option(path, { nil: undefined }), fc.option(path, { nil: undefined }), (table, type, category) => {
        const p = sampleProduct({ product_type: type, google_product_category: category });
        expect(lookupByPrefix(p, table)).toBe(reference.lookupByPrefix(p, table));
        expect(lookupByPrefix(p, table)).toBe(reference.lookupByPrefix(p, table));
      }),
    );
  });
});
