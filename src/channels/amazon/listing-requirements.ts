import type { Product } from '../../product/product.js';
import { builtAttributes, catalogColumnFor, columnAttributes, entryShape, productTypeDefinition, type ProductTypeDefinition } from './product-types.js';

/** What the listing checks need of a feed's Amazon options. */
export interface RequirementOptions {
  default_brand?: string;
  gtin_exemption: boolean;
  attribute_defaults: Record<string, string>;
}

/** One problem that keeps a listing from Amazon: the attribute, the column that fills it, and the fix. */
export interface Missing {
  attribute: string;
  column: string;
  message: string;
  fix: string;
}

/** How the listing identifies the product: its GTIN, the exemption, or nothing (left out). */
export type Identification = { kind: 'gtin' } | { kind: 'exemption' } | { kind: 'none'; missing: Missing };

/**
 * Amazon lists a product only with an identifier: a GTIN (as externally_assigned_product_identifier),
 * or the brand's GTIN exemption (supplier_declared_has_product_identifier_exemption), declared per
 * item (identifier_exists: no) or for the whole feed (options.gtin_exemption).
 */
export function identification(p: Product, opts: RequirementOptions): Identification {
  if (p.gtin) return { kind: 'gtin' };
  if (p.identifier_exists === false || opts.gtin_exemption) return { kind: 'exemption' };
  return {
    kind: 'none',
    missing: {
      attribute: 'externally_assigned_product_identifier',
      column: 'gtin',
      message: 'No GTIN and no GTIN exemption: Amazon lists a product only with one of them, so the item was left out.',
      fix: 'Fill in gtin, or set identifier_exists to no for products of a brand Amazon exempted (options.gtin_exemption: true for a whole feed of them).',
    },
  };
}

/** The brand to send: the catalog's, else options.default_brand. */
export const brandFor = (p: Product, opts: RequirementOptions): string | undefined => p.brand ?? opts.default_brand;

export const MISSING_BRAND: Missing = {
  attribute: 'brand',
  column: 'brand',
  message: 'No brand: Amazon requires one, so the item was left out.',
  fix: 'Fill in brand, or set options.default_brand for products of your own brand.',
};

/** A column attribute the product type requires: how its entry is written, and what to say when an item lacks it. */
interface ColumnRequirement {
  attribute: string;
  shape: Readonly<{ valueKey: string; language: boolean }>;
  missing: Missing;
}

const DEFAULT_SHAPE = Object.freeze({ valueKey: 'value', language: false });

/**
 * A definition's requirements with their messages, worked out once per definition: the listing
 * checks ask per item, and the messages depend on the product type and the attribute alone
 * (building them per item was most of the map's work on a catalog whose items all lack a column).
 */
function perDefinition<T>(work: (def: ProductTypeDefinition) => readonly T[]): (def: ProductTypeDefinition) => readonly T[] {
  const known = new WeakMap<ProductTypeDefinition, readonly T[]>();
  return (def) => {
    let list = known.get(def);
    if (list === undefined) known.set(def, (list = Object.freeze(work(def))));
    return list;
  };
}

const columnRequirementsOf = perDefinition((def): ColumnRequirement[] =>
  columnAttributes(def).map((attribute) => {
    const column = catalogColumnFor(attribute);
    return Object.freeze({
      attribute,
      shape: entryShape(def.type, attribute) ?? DEFAULT_SHAPE,
      missing: Object.freeze({
        attribute,
        column,
        message: `No ${attribute}: product type ${def.type} requires it${def.shipped ? '' : ' (as every product type does)'}, so the item was left out.`,
        fix: `Fill in the catalog column ${column}, or set options.attribute_defaults.${attribute} for every item of the feed.`,
      }),
    });
  }),
);

/** Required attributes of the product type that come from columns: value, or what is missing. */
export function columnValues(p: Product, productType: string, opts: RequirementOptions): { values: Array<{ attribute: string; value: string; valueKey: string; language: boolean }>; missing: Missing[] } {
  const values = [];
  const missing: Missing[] = [];
  for (const r of columnRequirementsOf(productTypeDefinition(productType))) {
    const value = p.extra[r.attribute]?.trim() || opts.attribute_defaults[r.attribute];
    if (value) values.push({ attribute: r.attribute, value, ...r.shape });
    else missing.push(r.missing);
  }
  return { values, missing };
}

/** Attributes built from a canonical field that options.attribute_defaults fills for items without it (listing-attributes.ts). */
const BUILT_DEFAULTS: ReadonlySet<string> = new Set(['color', 'size', 'material', 'pattern', 'fabric_type']);

const builtRequirementsOf = perDefinition((def): Missing[] =>
  builtAttributes(def).map((attribute) =>
    Object.freeze({
      attribute,
      column: catalogColumnFor(attribute),
      message: `No ${attribute}: product type ${def.type} requires it, so the item was left out.`,
      fix: BUILT_DEFAULTS.has(attribute) ? `Fill in ${catalogColumnFor(attribute)}, or set options.attribute_defaults.${attribute} for every item of the feed.` : `Fill in ${catalogColumnFor(attribute)}.`,
    }),
  ),
);

/** Required attributes of the product type that the built attributes lack (the canonical ones: title, description...). */
export function missingBuilt(productType: string, attributes: ReadonlySet<string>): Missing[] {
  return builtRequirementsOf(productTypeDefinition(productType)).filter((m) => !attributes.has(m.attribute));
}
