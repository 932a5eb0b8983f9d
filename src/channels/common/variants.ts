import type { Product } from '../../product/product.js';

/** Separator of several values in one color or size cell (`red|blue`); `/` and `,` belong to one value. */
export const VARIANT_LIST_SEPARATOR = '|';

const list = (value: string | undefined): (string | undefined)[] => {
  const parts = (value ?? '').split(VARIANT_LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean);
  return parts.length ? parts : [undefined];
};
/** Whether `value` names at most one variant; without a separator it cannot name more (no list needed). */
const single = (value: string | undefined): boolean => value === undefined || !value.includes(VARIANT_LIST_SEPARATOR) || list(value).length === 1;
const slug = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

/**
 * The title a variant needs on a channel without item_group_id support, so that variants do not
 * look like duplicates: `title - color / size` for products in a group (or with a color or size);
 * values already in the title are not repeated.
 */
export const variantTitle = (product: Product): string => titleOf(product.title, product.item_group_id, product.color, product.size);

function titleOf(title: string, group: string | undefined, color: string | undefined, size: string | undefined): string {
  if (!group) return title;
  const lower = title.toLowerCase();
  const c = color && !lower.includes(color.toLowerCase()) ? color : undefined;
  const s = size && !lower.includes(size.toLowerCase()) ? size : undefined;
  if (!c && !s) return title;
  return `${title} - ${c && s ? `${c} / ${s}` : (c ?? s)}`;
}

/** The fields of one variant that differ from its product's; absent ones are the product's. */
export interface VariantFields {
  id: string;
  title: string;
  item_group_id?: string;
  color?: string;
  size?: string;
}

/**
 * splitVariants without copying the product for every variant: what each variant changes. A
 * product whose color or size cell lists several values (`S|M|L`) has one variant per combination,
 * with id `<id>-<color>-<size>` and item_group_id set to the original id; every variant gets a
 * distinct title (variantTitle). A product with single values is one variant, retitled when in a group.
 */
export function variantFields(product: Product): VariantFields[] {
  if (single(product.color) && single(product.size)) return [{ id: product.id, title: variantTitle(product) }];
  const out: VariantFields[] = [];
  const group = product.item_group_id ?? product.id;
  for (const color of list(product.color)) {
    for (const size of list(product.size)) {
      const suffix = [color, size].filter((v): v is string => !!v).map(slug).join('-');
      const variant: VariantFields = { id: `${product.id}-${suffix}`, item_group_id: group, title: '' };
      if (color) variant.color = color;
      if (size) variant.size = size;
      variant.title = titleOf(product.title, group, color ?? product.color, size ?? product.size);
      out.push(variant);
    }
  }
  return out;
}

/** One product per variant (see variantFields), for channels without item_group_id support. */
export const splitVariants = (product: Product): Product[] => variantFields(product).map((v) => ({ ...product, ...v }));
