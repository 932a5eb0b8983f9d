import { normalizeName } from './row-kit.js';

/** Variant option or attribute names (Shopify options, WooCommerce attributes) that are canonical fields. */
const OPTION_FIELDS: Record<string, string> = {
  color: 'color',
  colour: 'color',
  'pa color': 'color',
  farbe: 'color',
  size: 'size',
  'pa size': 'size',
  größe: 'size',
  material: 'material',
  'pa material': 'material',
  pattern: 'pattern',
  gender: 'gender',
  'age group': 'age_group',
  brand: 'brand',
  'pa brand': 'brand',
};

/** The canonical field an option/attribute name stands for, if any (`Colour` -> `color`). */
export function optionField(name: string): string | undefined {
  return OPTION_FIELDS[normalizeName(name)];
}
