import type { Product } from '../../product/product.js';

/** Separator of several values in one color or size cell (`red|blue`); `/` and `,` belong to one value. */
export const VARIANT_LIST_SEPARATOR = '|';

const list = (value: string | undefined): (string | undefined)[] => {
  const parts = (value ?? '').split(VARIANT_LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts : [undefined];
};
const slug = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

/**
 * The title a variant needs on a channel without item_group_id support, so that variants do not
 * look like duplicates: `title - color / size` for products in a group (or with a color or size);
 * values already in the title are not repeated.
 */
export function variantTitle(product: Product): string {
  const lower = product.title.toLowerCase();
  const extra = [product.color, product.size].filter((v): v is string => !!v && !lower.includes(v.toLowerCase()));
  if (!product.item_group_id || extra.length === 0) return product.title;
  return `${product.title} - ${extra.join(' / ')}`;
}

/**
 * One product per variant for channels without item_group_id support. A product whose color or
 * size cell lists several values (`S|M|L`) becomes one product per combination, with id
 * `<id>-<color>-<size>` and item_group_id set to the original id; every result gets a distinct
 * title (variantTitle). A product with single values stays one product, retitled when in a group.
 */
export function splitVariants(product: Product): Product[] {
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
}
