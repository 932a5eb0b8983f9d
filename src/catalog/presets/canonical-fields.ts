import { PRODUCT_FIELDS } from '../../product/product.js';

/** Every canonical field a preset may fill: Google's product data vocabulary (see src/product/product.ts). */
export const CANONICAL_SET: ReadonlySet<string> = new Set(PRODUCT_FIELDS);
