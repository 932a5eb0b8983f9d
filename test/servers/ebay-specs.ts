import { errorsOf, readSpec, vendorAjv } from './spec-files.js';

/**
 * Validators for eBay Sell Inventory v1 request bodies, compiled from eBay's OpenAPI document. The
 * document states some rules only in prose; these are added to the copy, each citing the prose:
 * - Product.aspects is typed `string` but documented (and sent) as `{"Brand": ["GoPro"], ...}`;
 * - "Max Length: 50" for sku, "Max Length: 80" for title, "Max Length: 4000" for description;
 * - "Up to 25" requests per bulk call;
 * - format: "Supported values are FIXED_PRICE and AUCTION";
 * - condition: the ConditionEnum values.
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
  | 'BulkPriceQuantityResponse';

let cached: ((name: EbaySchemaName, value: unknown) => string[]) | undefined;

export function ebayValidator(): (name: EbaySchemaName, value: unknown) => string[] {
  if (cached) return cached;
  const doc = readSpec('ebay/sell_inventory_v1_oas3.json');
  const s = doc.components.schemas;
  s.Product.properties.aspects = { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } };
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
