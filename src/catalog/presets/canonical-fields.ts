import { TEXT_FIELDS } from '../../product/product.js';

/** Every canonical field a preset may fill: Google's product data vocabulary (see src/product/product.ts). */
export const CANONICAL_FIELDS: readonly string[] = [
  'id',
  'link',
  'mobile_link',
  'image_link',
  'additional_image_link',
  'price',
  'sale_price',
  'sale_price_effective_date',
  'availability',
  'availability_date',
  'quantity',
  'gtin',
  'identifier_exists',
  'condition',
  'shipping',
  ...TEXT_FIELDS,
];

export const CANONICAL_SET: ReadonlySet<string> = new Set(CANONICAL_FIELDS);
