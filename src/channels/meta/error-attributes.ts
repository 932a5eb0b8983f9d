/**
 * The ProductItem attribute each of Meta's item error types is about (error_type values from the
 * Graph API's productcatalogproducts_error_type enum, ../shared/specs/meta/enum_types.json), so
 * the verdict names the catalog field to fix. Types about the account, the shop or a policy as a
 * whole name no attribute.
 */
export const META_ERROR_ATTRIBUTE: Record<string, string> = {
  EMPTY_AVAILABILITY: 'availability', CRAWLED_AVAILABILITY_MISMATCH: 'availability', PRODUCT_OUT_OF_STOCK: 'availability', ITEM_STALE_OUT_OF_STOCK: 'availability',
  INVENTORY_ZERO_AVAILABILITY_IN_STOCK: 'inventory',
  EMPTY_BRAND: 'brand', EMPTY_CONDITION: 'condition', EMPTY_TITLE: 'name', EMPTY_DESCRIPTION: 'description',
  DUPLICATE_TITLE_AND_DESCRIPTION: 'description', QUALITY_DUPLICATED_DESCRIPTION: 'description', PROPERTY_VALUE_CONTAINS_HTML_TAGS: 'description',
  PROPERTY_VALUE_DESCRIPTION_CONTAINS_OFF_PLATFORM_LINK: 'description',
  EMPTY_PRICE: 'price', ITEM_PRICE_NOT_POSITIVE: 'price', NEGATIVE_PRICE: 'price', INVALID_SALE_PRICE: 'sale_price',
  EMPTY_PRODUCT_URL: 'url', QUALITY_ITEM_LINK_BROKEN: 'url', QUALITY_ITEM_LINK_REDIRECTING: 'url', PRODUCT_URL_EQUALS_DOMAIN: 'url',
  EMPTY_IMAGE_URL: 'image_url', IMAGE_FETCH_FAILED: 'image_url', IMAGE_FETCH_FAILED_BAD_GATEWAY: 'image_url', IMAGE_FETCH_FAILED_FILE_SIZE_EXCEEDED: 'image_url',
  IMAGE_FETCH_FAILED_FORBIDDEN: 'image_url', IMAGE_FETCH_FAILED_LINK_BROKEN: 'image_url', IMAGE_FETCH_FAILED_TIMED_OUT: 'image_url',
  IMAGE_RESOLUTION_LOW: 'image_url', BAD_QUALITY_IMAGE: 'image_url', INVALID_IMAGES: 'image_url',
  NOT_ENOUGH_IMAGES: 'additional_image_urls', DUPLICATE_IMAGES: 'additional_image_urls',
  MISSING_COLOR: 'color', MISSING_SIZE: 'size', ITEM_GROUP_NOT_SPECIFIED: 'retailer_product_group_id',
  UNIQUE_PRODUCT_IDENTIFIER_MISSING: 'gtin', RETAILER_ID_NOT_PROVIDED: 'retailer_id',
  UNSUPPORTED_PRODUCT_CATEGORY: 'google_product_category', ILLEGAL_PRODUCT_CATEGORY: 'google_product_category',
};
