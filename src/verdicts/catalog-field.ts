import { CANONICAL_FIELDS } from '../channels/generic/canonical-fields.js';

/**
 * Channel attribute names that differ from our catalog vocabulary (Google's), by what they mean.
 * Meta and Pinterest speak of `image_url`/`url`/`name`, Amazon of its listing attributes, eBay of
 * its inventory paths; Google's own names are ours already.
 */
const ALIASES: Record<string, string> = {
  // Meta, Pinterest
  image_url: 'image_link', additional_image_urls: 'additional_image_link', url: 'link', name: 'title', retailer_id: 'id', retailer_product_group_id: 'item_group_id', inventory: 'quantity', google_product_category_id: 'google_product_category', age: 'age_group',
  // Amazon listing attributes
  item_name: 'title', product_description: 'description', bullet_point: 'description', main_product_image_locator: 'image_link', other_product_image_locator_1: 'additional_image_link',
  externally_assigned_product_identifier: 'gtin', supplier_declared_has_product_identifier_exemption: 'gtin', merchant_suggested_asin: 'gtin', part_number: 'mpn', list_price: 'price', purchasable_offer: 'price', fulfillment_availability: 'quantity', condition_type: 'condition', item_package_weight: 'shipping_weight', target_gender: 'gender', age_range_description: 'age_group', department: 'gender', color_name: 'color', size_name: 'size',
  // eBay inventory paths (last part)
  imageurls: 'image_link', shiptolocationavailability: 'quantity', price: 'price', aspects: 'product_type', ean: 'gtin', upc: 'gtin', isbn: 'gtin',
  // Merchant API field names (camelCase in bodies)
  imagelink: 'image_link', additionalimagelinks: 'additional_image_link', saleprice: 'sale_price', agegroup: 'age_group', googleproductcategory: 'google_product_category', producttypes: 'product_type', itemgroupid: 'item_group_id', shippingweight: 'shipping_weight', identifierexists: 'gtin',
};

const CANONICAL = new Set<string>(CANONICAL_FIELDS);

/**
 * The catalog field a channel's attribute comes from, or undefined when it has none (account-level
 * issues, policy reviews). Accepts `image link`, `imageLink`, `[image_link]`, `product.imageUrls`,
 * `attributes.item_name[0]`.
 */
export function catalogFieldOf(attribute: string | undefined): string | undefined {
  if (!attribute) return undefined;
  const last = attribute.replace(/\[\d*\]/g, '').replace(/[[\]]/g, '').split(/[./]/).filter(Boolean).pop() ?? '';
  const snake = last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[\s-]+/g, '_').toLowerCase();
  if (CANONICAL.has(snake)) return snake;
  return ALIASES[snake] ?? ALIASES[snake.replace(/_/g, '')] ?? (CANONICAL.has(snake.replace(/s$/, '')) ? snake.replace(/s$/, '') : undefined);
}
