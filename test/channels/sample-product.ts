import type { FeedTarget, MapContext } from '../../src/channels/define-channel.js';
import type { Product } from '../../src/product/product.js';

/** A complete, valid product; tests override the fields they are about. */
export function sampleProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: 'TSHIRT-RED-M',
    title: 'Organic Cotton T-Shirt',
    description: '<p>Soft <b>organic</b> cotton.</p><p>Made in Portugal &amp; dyed without chlorine.</p>',
    link: 'https://shop.example.com/p/tshirt?variant=red-m',
    image_link: 'https://shop.example.com/img/tshirt-red.jpg',
    additional_image_link: ['https://shop.example.com/img/tshirt-red-back.jpg', 'https://shop.example.com/img/tshirt-red-side.jpg'],
    price: { amount: 2500, currency: 'USD' },
    sale_price: { amount: 1999, currency: 'USD' },
    sale_price_effective_date: '2026-11-01T00:00:00Z/2026-11-30T23:59:59Z',
    availability: 'in_stock',
    quantity: 12,
    brand: 'Northwind',
    gtin: '4006381333931',
    mpn: 'NW-TS-01',
    condition: 'new',
    item_group_id: 'TSHIRT',
    color: 'Red',
    size: 'M',
    gender: 'unisex',
    age_group: 'adult',
    material: 'Cotton',
    google_product_category: '212',
    product_type: 'Apparel > Shirts',
    shipping: [{ country: 'US', service: 'Standard', price: { amount: 495, currency: 'USD' } }],
    custom_label_0: 'summer',
    extra: { 'Supplier Code': 'SUP-77', price_EUR: '23.50' },
    ...overrides,
  };
}

/** A map context for feed `id` with the given target settings. */
export function sampleContext(feed: Partial<FeedTarget> & { format: string }, row = 2): MapContext {
  return { feed: { id: 'test-feed', options: {}, ...feed }, row, now: new Date('2026-11-25T08:00:00Z') };
}
