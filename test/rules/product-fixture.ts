import path from 'node:path';
import type { Product } from '../../src/product/product.js';
import { compileRules } from '../../src/rules/engine.js';
import type { RuleInput } from '../../src/rules/schema.js';
import type { RuleResult, RuleTraceEntry } from '../../src/rules/types.js';

export const FEED_FILE = 'fixtures/rules/feeds/test.yaml';
export const BASE_DIR = path.resolve(__dirname, '../../fixtures/rules/feeds');

/** A valid canonical product; `over` replaces fields. */
export function product(over: Partial<Product> = {}): Product {
  return {
    id: 'SKU-1',
    title: 'Linen Shirt',
    description: 'A <b>light</b> shirt',
    link: 'https://shop.example/p/sku-1',
    image_link: 'https://shop.example/i/sku-1.jpg',
    additional_image_link: [],
    price: { amount: 1999, currency: 'USD' },
    availability: 'in_stock',
    quantity: 7,
    brand: 'Acme',
    color: 'Blue',
    product_type: 'Men > Shirts',
    shipping: [],
    extra: {},
    ...over,
  };
}

/** Applies one rule list to a product (compiled with the fixtures folder as base). */
export function run(rules: RuleInput[], p: Product, trace?: RuleTraceEntry[], language?: string): RuleResult {
  return compileRules(rules, FEED_FILE, { baseDir: BASE_DIR }).apply(p, { feed: 'test', row: 2, language }, trace);
}

/** Deep-freezes a value so that a test fails if anything mutates it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
