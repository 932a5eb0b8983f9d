import type { AmazonValidators } from './amazon-specs.js';
import type { MockReply, MockRequest, MockRoute } from './mock-server.js';

/** A Listings Items API Issue (2021-08-01), as the mock answers it. */
export interface MockListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories: string[];
  enforcements?: { actions: Array<{ action: string }>; exemption: { status: string; expiryDate?: string } };
  marketplaceIds?: string[];
}

export interface ListingsItemsOptions {
  /** Issues Amazon reports for a SKU, beyond those derived from what was pushed. */
  listingIssues?: Map<string, MockListingIssue[]>;
  /** SKUs Amazon accepted but has not created yet: getListingsItem answers 404 NOT_FOUND. */
  notYetCreated?: Set<string>;
  /** Every Nth getListingsItem is throttled (429 QuotaExceeded); default never. */
  throttleEvery?: number;
  /** The account's getListingsItem rate, in x-amzn-RateLimit-Limit; default "5.0" (the usage plan's). */
  rateLimit?: string;
}

export interface ListingsItemsDeps {
  v: AmazonValidators;
  violations: string[];
  /** SKU -> its last accepted message, with the seller, marketplaces and time of its feed. */
  held: Map<string, { message: Record<string, unknown>; sellerId: string; marketplaceIds: string[]; createdTime: string }>;
  authorized(req: MockRequest): MockReply | undefined;
}

/** The data sets getListingsItem knows (includedData); anything else is a 400, as Amazon answers. */
const INCLUDED_DATA = new Set(['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes']);

/** A stable ten-character ASIN per SKU and marketplace. */
const asinOf = (sku: string, i: number): string => `B0${[...sku].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 2_821_109_907_456, i + 7).toString(36).toUpperCase().padStart(8, '0')}`;


/**
 * Issues Amazon derives from the listing as pushed: a listing without a main image is suppressed
 * (Amazon requires main_product_image_locator for a buyable offer; a variation parent is not one).
 */
function derivedIssues(message: Record<string, unknown>, marketplaceIds: string[]): MockListingIssue[] {
  const attributes = (message.attributes ?? {}) as Record<string, unknown>;
  // A variation parent is never buyable itself: it needs no offer image.
  const parent = (attributes.parentage_level as Array<{ value?: string }> | undefined)?.[0]?.value === 'parent';
  if (message.operationType === 'PATCH' || parent || attributes.main_product_image_locator) return [];
  return [{
    code: '18027', message: "The listing is missing a main image: 'main_product_image_locator' is required for the offer to be buyable.", severity: 'ERROR',
    attributeNames: ['main_product_image_locator'], categories: ['MISSING_IMAGE'], enforcements: { actions: [{ action: 'LISTING_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } }, marketplaceIds,
  }];
}

/**
 * getListingsItem (GET /listings/2021-08-01/items/{sellerId}/{sku}) over the listings the mock
 * holds: summaries and issues per the Listings Items API definitions (checked, violations kept),
 * refusing what Amazon refuses: missing or unknown marketplaceIds, includedData values it does not
 * know, another seller's id; 404 for SKUs it does not hold; throttled with QuotaExceeded.
 */
export function listingsItemsRoute(deps: ListingsItemsDeps, opts: ListingsItemsOptions = {}): MockRoute {
  let calls = 0;
  const RATE_LIMIT = { 'x-amzn-RateLimit-Limit': opts.rateLimit ?? '5.0' };
  const errorList = (status: number, code: string, message: string): MockReply => ({ status, headers: RATE_LIMIT, json: { errors: [{ code, message }] } });
  return {
    name: 'getListingsItem',
    method: 'GET',
    path: /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/]+)$/,
    handle: (req) => {
      const denied = deps.authorized(req);
      if (denied) return denied;
      calls++;
      if (opts.throttleEvery && calls % opts.throttleEvery === 0) return errorList(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
      const sellerId = decodeURIComponent(req.params[0]!);
      const sku = decodeURIComponent(req.params[1]!);
      const q = req.url.searchParams;
      const marketplaceIds = q.get('marketplaceIds')?.split(',').filter(Boolean) ?? [];
      if (!marketplaceIds.length) return errorList(400, 'InvalidInput', 'Missing required marketplaceIds.');
      const bad = marketplaceIds.find((m) => !/^A[A-Z0-9]{9,13}$/.test(m));
      if (bad) return errorList(400, 'InvalidInput', `Invalid marketplaceIds: ${bad}.`);
      const included = (q.get('includedData') ?? 'summaries').split(',');
      const unknown = included.find((d) => !INCLUDED_DATA.has(d));
      if (unknown) return errorList(400, 'InvalidInput', `Invalid includedData value: ${unknown}.`);
      const held = deps.held.get(sku);
      if (held && held.sellerId !== sellerId) return errorList(403, 'Unauthorized', 'Access to requested resource is denied.');
      if (!held || opts.notYetCreated?.has(sku)) return errorList(404, 'NOT_FOUND', `SKU '${sku}' not found in marketplace ${marketplaceIds[0]}`);
      const markets = marketplaceIds.filter((m) => held.marketplaceIds.includes(m));
      if (!markets.length) return errorList(404, 'NOT_FOUND', `SKU '${sku}' not found in marketplace ${marketplaceIds[0]}`);
      const issues = [...derivedIssues(held.message, markets), ...(opts.listingIssues?.get(sku) ?? [])];
      const suppressed = issues.some((i) => i.enforcements?.exemption.status === 'NOT_EXEMPT' && i.enforcements.actions.some((a) => a.action === 'LISTING_SUPPRESSED'));
      const attributes = (held.message.attributes ?? {}) as Record<string, Array<{ value?: string }>>;
      const item: Record<string, unknown> = { sku };
      if (included.includes('summaries')) {
        item.summaries = markets.map((marketplaceId, i) => ({
          marketplaceId, asin: asinOf(sku, i),
          productType: String(held.message.productType ?? 'PRODUCT'), status: suppressed ? [] : ['BUYABLE', 'DISCOVERABLE'],
          ...(attributes.item_name?.[0]?.value ? { itemName: attributes.item_name[0].value } : {}),
          createdDate: held.createdTime, lastUpdatedDate: held.createdTime,
        }));
      }
      if (included.includes('issues')) item.issues = issues;
      const errors = deps.v.listingsApi('Item', item);
      for (const e of errors) deps.violations.push(`Item (mock output): ${e}`);
      return { status: 200, headers: RATE_LIMIT, json: item };
    },
  };
}
