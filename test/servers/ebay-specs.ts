import { errorsOf, readSpec, vendorAjv } from './spec-files.js';

/**
 * Validators for eBay Sell Inventory v1 request bodies, compiled from eBay's OpenAPI document. The
 * document states some rules only in prose; these are added to the copy, each citing the prose:
 * - Product.aspects is typed `string` but documented (and sent) as `{"Brand": ["GoPro"], ...}`;
 * - "Max Length: 50" for sku, "Max Length: 80" for title, "Max Length: 4000" for description;
 * - "Up to 25" requests per bulk call;
 * - format: "Supported values are FIXED_PRICE and AUCTION";
 * - condition: the ConditionEnum values;
 * - "Max Length for Aspect Name: 40", "Max Length for Aspect Value: 50" (Product.aspects, and
 *   Specification name/values of a group's variesBy);
 * - imageUrls: "URLs must use the HTTPS protocol";
 * - originallySoldForRetailPriceOn: the SoldOnEnum values, needed with originalRetailPrice
 *   ("This field is needed if the Strikethrough Pricing (STP) feature will be used");
 * - pricingVisibility: the MinimumAdvertisedPriceHandlingEnum values, "only applicable if ... a
 *   minimumAdvertisedPrice has been specified".
 */
export const EBAY_CONDITION_ENUM = [
  'NEW', 'LIKE_NEW', 'NEW_OTHER', 'NEW_WITH_DEFECTS', 'CERTIFIED_REFURBISHED', 'EXCELLENT_REFURBISHED', 'VERY_GOOD_REFURBISHED', 'GOOD_REFURBISHED',
  'SELLER_REFURBISHED', 'USED_EXCELLENT', 'USED_VERY_GOOD', 'USED_GOOD', 'USED_ACCEPTABLE', 'FOR_PARTS_OR_NOT_WORKING', 'PRE_OWNED_EXCELLENT', 'PRE_OWNED_FAIR',
];

export type EbaySchemaName =
  | 'BulkInventoryItem'
  | 'InventoryItemWithSkuLocale'
  | 'BulkEbayOfferDetailsWithKeys'
  | 'EbayOfferDetailsWithKeys'
  | 'EbayOfferDetailsWithId'
  | 'BulkOffer'
  | 'BulkPriceQuantity'
  | 'Offers'
  | 'BulkInventoryItemResponse'
  | 'BulkOfferResponse'
  | 'BulkPublishResponse'
  | 'BulkPriceQuantityResponse'
  | 'InventoryItemGroup'
  | 'PublishByInventoryItemGroupRequest'
  | 'WithdrawByInventoryItemGroupRequest';

const ASPECTS = { type: 'object', propertyNames: { maxLength: 40 }, additionalProperties: { type: 'array', items: { type: 'string', maxLength: 50 } } };
const HTTPS_URLS = { type: 'array', items: { type: 'string', pattern: '^https://' } };

let cached: ((name: EbaySchemaName, value: unknown) => string[]) | undefined;

export function ebayValidator(): (name: EbaySchemaName, value: unknown) => string[] {
  if (cached) return cached;
  const doc = readSpec('ebay/sell_inventory_v1_oas3.json');
  const s = doc.components.schemas;
  s.Product.properties.aspects = ASPECTS;
  s.Product.properties.imageUrls = HTTPS_URLS;
  s.InventoryItemGroup.properties.aspects = ASPECTS;
  s.InventoryItemGroup.properties.imageUrls = HTTPS_URLS;
  s.Specification.properties.name.maxLength = 40;
  s.Specification.properties.values.items.maxLength = 50;
  s.PricingSummary.properties.originallySoldForRetailPriceOn.enum = ['ON_EBAY', 'OFF_EBAY', 'ON_AND_OFF_EBAY'];
  s.PricingSummary.properties.pricingVisibility.enum = ['NONE', 'PRE_CHECKOUT', 'DURING_CHECKOUT'];
  s.PricingSummary.dependencies = { pricingVisibility: ['minimumAdvertisedPrice'], originalRetailPrice: ['originallySoldForRetailPriceOn'] };
  s.Product.properties.title.maxLength = 80;
  s.Product.properties.description.maxLength = 4000;
  s.InventoryItemWithSkuLocale.properties.sku.maxLength = 50;
  s.InventoryItemWithSkuLocale.properties.condition.enum = EBAY_CONDITION_ENUM;
  s.EbayOfferDetailsWithKeys.properties.sku.maxLength = 50;
  s.EbayOfferDetailsWithKeys.properties.format.enum = ['FIXED_PRICE', 'AUCTION'];
  s.PriceQuantity.properties.sku.maxLength = 50;
  for (const bulk of ['BulkInventoryItem', 'BulkEbayOfferDetailsWithKeys', 'BulkOffer', 'BulkPriceQuantity']) {
    s[bulk].properties.requests.maxItems = 25;
    s[bulk].properties.requests.minItems = 1;
    s[bulk].required = ['requests'];
  }
  const ajv = vendorAjv();
  ajv.addSchema(doc, 'ebay');
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  cached = (name, value) => {
    let v = compiled.get(name);
    if (!v) compiled.set(name, (v = ajv.compile({ $ref: `ebay#/components/schemas/${name}` })));
    return errorsOf(v, value);
  };
  return cached;
}

let taxonomy: ((value: unknown) => string[]) | undefined;

/** Validator of a Taxonomy API getItemAspectsForCategory answer (AspectMetadata), from eBay's Commerce Taxonomy contract. */
export function aspectMetadataValidator(): (value: unknown) => string[] {
  if (taxonomy) return taxonomy;
  const ajv = vendorAjv();
  ajv.addSchema(readSpec('ebay/commerce_taxonomy_v1_oas3.json'), 'taxonomy');
  const v = ajv.compile({ $ref: 'taxonomy#/components/schemas/AspectMetadata' });
  taxonomy = (value) => errorsOf(v, value);
  return taxonomy;
}
