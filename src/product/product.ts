/**
 * The canonical product: Google's product data vocabulary, after validation. Every channel maps
 * from this shape. Text fields are trimmed strings and never empty (absent instead).
 */
export interface Money {
  /** Integer minor units (cents): 1299 for 12.99 USD. Never a float. */
  amount: number;
  /** ISO 4217 code, upper case. */
  currency: string;
}

export interface Shipping {
  country?: string;
  region?: string;
  postal_code?: string;
  service?: string;
  price?: Money;
  min_handling_time?: number;
  max_handling_time?: number;
  min_transit_time?: number;
  max_transit_time?: number;
}

export type Availability = 'in_stock' | 'out_of_stock' | 'preorder' | 'backorder';
export type Condition = 'new' | 'refurbished' | 'used';

export const TEXT_FIELDS = [
  'title',
  'description',
  'brand',
  'mpn',
  'item_group_id',
  'color',
  'size',
  'gender',
  'age_group',
  'material',
  'pattern',
  'google_product_category',
  'product_type',
  'shipping_weight',
  'custom_label_0',
  'custom_label_1',
  'custom_label_2',
  'custom_label_3',
  'custom_label_4',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Canonical fields that hold money. */
export const MONEY_FIELDS = ['price', 'sale_price'] as const;
/** Canonical fields that hold a list. */
export const LIST_FIELDS = ['additional_image_link', 'shipping'] as const;

/** Every canonical field name: what presets fill, rules and generic channels read. */
export const PRODUCT_FIELDS: readonly string[] = [
  'id',
  ...TEXT_FIELDS,
  'link',
  'mobile_link',
  'image_link',
  'sale_price_effective_date',
  'availability',
  'availability_date',
  'quantity',
  'gtin',
  'identifier_exists',
  'condition',
  ...MONEY_FIELDS,
  ...LIST_FIELDS,
];

export interface Product extends Partial<Record<TextField, string>> {
  id: string;
  /**
   * Units each store (stock ledger location) may show, for local inventory feeds; set by the run
   * from the ledger, never read from the catalog. Absent: no store count.
   */
  stores?: Record<string, number>;
  title: string;
  link?: string;
  mobile_link?: string;
  image_link?: string;
  additional_image_link: string[];
  price?: Money;
  sale_price?: Money;
  /** ISO 8601 interval `start/end` as given (validated). */
  sale_price_effective_date?: string;
  availability?: Availability;
  /** ISO 8601 date or date-time. */
  availability_date?: string;
  quantity?: number;
  gtin?: string;
  identifier_exists?: boolean;
  condition?: Condition;
  shipping: Shipping[];
  /** Source columns the mapping did not consume, by column name: rules and the generic channel read them. */
  extra: Record<string, string>;
}

/**
 * A product with every field present (absent ones undefined), always in this order: all products
 * then share one shape, which keeps every channel's reads of them fast (products built field by
 * field, in each catalog's column order, come in many shapes and make those reads slow).
 */
export function newProduct(id: string, extra: Record<string, string>): Product {
  return {
    id,
    title: '',
    description: undefined,
    brand: undefined,
    mpn: undefined,
    item_group_id: undefined,
    color: undefined,
    size: undefined,
    gender: undefined,
    age_group: undefined,
    material: undefined,
    pattern: undefined,
    google_product_category: undefined,
    product_type: undefined,
    shipping_weight: undefined,
    custom_label_0: undefined,
    custom_label_1: undefined,
    custom_label_2: undefined,
    custom_label_3: undefined,
    custom_label_4: undefined,
    link: undefined,
    mobile_link: undefined,
    image_link: undefined,
    additional_image_link: [],
    price: undefined,
    sale_price: undefined,
    sale_price_effective_date: undefined,
    availability: undefined,
    availability_date: undefined,
    quantity: undefined,
    gtin: undefined,
    identifier_exists: undefined,
    condition: undefined,
    shipping: [],
    extra,
  };
}

/** A validated product and where it came from. */
export interface CatalogItem {
  product: Product;
  /** Spreadsheet row (header = 1) or 1-based item number. */
  row: number;
}
