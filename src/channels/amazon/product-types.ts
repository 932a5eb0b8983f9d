import { PRODUCT_TYPE_DATA } from './product-type-data.js';

/**
 * Amazon product type definitions shipped with shelfcast (product-type-data.ts, generated from the
 * Product Type Definitions summaries): which attributes a listing of a type needs, and how one
 * entry of an attribute is written. A type without a shipped definition is checked against what
 * every shipped type requires, and its entries are written as PRODUCT's.
 */

export interface ProductTypeDefinition {
  /** The product type, e.g. `HOME`. */
  type: string;
  /** Whether the type has a shipped definition; false: the requirements common to all shipped types stand in for it. */
  shipped: boolean;
  /** Attributes every listing of this type must carry. */
  required: readonly string[];
  /** Whether the type lists variation families (parentage_level, child_parent_sku_relationship, variation_theme). */
  variations: boolean;
  /** The attributes the type defines. */
  has(attribute: string): boolean;
}

/** Product types with a shipped definition, sorted. */
export const SHIPPED_PRODUCT_TYPES: readonly string[] = Object.keys(PRODUCT_TYPE_DATA).sort();

const VARIATION_ATTRIBUTES = ['parentage_level', 'child_parent_sku_relationship', 'variation_theme'];
const cache = new Map<string, ProductTypeDefinition>();
/** What every shipped product type requires: the rules for a type without a shipped definition. */
const COMMON_REQUIRED = Object.values(PRODUCT_TYPE_DATA)
  .map((d) => d.required)
  .reduce((common, required) => common.filter((a) => required.includes(a)));

/** The definition of `type` (upper case); for a type without a shipped one, the common requirements. */
export function productTypeDefinition(type: string): ProductTypeDefinition {
  let def = cache.get(type);
  if (def) return def;
  const data = PRODUCT_TYPE_DATA[type];
  const base = data ?? PRODUCT_TYPE_DATA.PRODUCT!;
  const attributes = base.attributes;
  // A type without a definition may still list variations (SHIRT does): only a shipped one can say it does not.
  const variations = data ? VARIATION_ATTRIBUTES.every((a) => a in attributes) : true;
  def = { type, shipped: data !== undefined, required: data ? base.required : COMMON_REQUIRED, variations, has: (a) => a in attributes || !data };
  cache.set(type, def);
  return def;
}

type EntryShape = Readonly<{ valueKey: string; language: boolean }>;
const shapes = new Map<string, EntryShape | undefined>();

/**
 * How one entry of `attribute` is written: the member holding the value (`value`, or `name` for
 * variation_theme) and whether it carries a language tag. Undefined when the definition has no
 * such attribute.
 */
export function entryShape(type: string, attribute: string): { valueKey: string; language: boolean } | undefined {
  // Asked per item and attribute by the listing checks: the shapes are static, so each is worked out once.
  const key = `${type}\n${attribute}`;
  if (shapes.has(key)) return shapes.get(key);
  const members = (PRODUCT_TYPE_DATA[type] ?? PRODUCT_TYPE_DATA.PRODUCT!).attributes[attribute];
  let shape: EntryShape | undefined;
  if (members) {
    const names = members.map((m) => m.replace(/!$/, ''));
    const valueKey = names.includes('value') ? 'value' : (members.find((m) => m.endsWith('!'))?.slice(0, -1) ?? names[0]!);
    shape = Object.freeze({ valueKey, language: names.includes('language_tag') });
  }
  shapes.set(key, shape);
  return shape;
}
/**
 * Where a required attribute comes from in the catalog, for the message that reports it missing:
 * the canonical field the listing builds it from, else a column named after the attribute.
 */
const SOURCES: Record<string, string> = {
  item_name: 'title',
  brand: 'brand',
  product_description: 'description',
  bullet_point: 'bullet_point_1 .. bullet_point_5 (or a description with sentences)',
  color: 'color',
  size: 'size',
  material: 'material',
  fabric_type: 'fabric_type (or material)',
  externally_assigned_product_identifier: 'gtin',
  condition_type: 'condition',
};

/** The catalog column that fills `attribute`. */
export const catalogColumnFor = (attribute: string): string => SOURCES[attribute] ?? attribute;

/**
 * Required attributes that come from no canonical field: a listing takes them from a catalog
 * column named after them (`item_type_keyword`, `country_of_origin`, ...) or from the feed's
 * `attribute_defaults`.
 */
export const columnAttributes = (def: ProductTypeDefinition): readonly string[] => requiredBySource(def).columns;

/** Required attributes that the listing builds from canonical fields (item_name, bullet_point, color...). */
export const builtAttributes = (def: ProductTypeDefinition): readonly string[] => requiredBySource(def).built;

/** A definition's required attributes split by where they come from, once per definition (the checks ask per item). */
const bySource = new WeakMap<ProductTypeDefinition, { columns: readonly string[]; built: readonly string[] }>();
function requiredBySource(def: ProductTypeDefinition): { columns: readonly string[]; built: readonly string[] } {
  let split = bySource.get(def);
  if (split === undefined) {
    split = { columns: def.required.filter((a) => SOURCES[a] === undefined), built: def.required.filter((a) => SOURCES[a] !== undefined) };
    bySource.set(def, split);
  }
  return split;
}
