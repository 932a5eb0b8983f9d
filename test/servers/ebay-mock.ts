import { aspectMetadataValidator, ebayValidator, type EbaySchemaName } from './ebay-specs.js';
import { startMockServer, withHeldAnswer, type FaultOptions, type HoldAnswer, type MockReply, type MockRequest, type MockRoute, type MockServer } from './mock-server.js';

/**
 * A loopback eBay: OAuth refresh-token grant and the Sell Inventory v1 calls a push makes. Request
 * bodies are checked against eBay's OpenAPI document (see ebay-specs.ts); bulk calls answer 207
 * with per-SKU errors for the SKUs configured to fail.
 */
export interface EbayMockOptions {
  credentials: { clientId: string; clientSecret: string; refreshToken: string };
  /** SKU -> eBay errorId returned by that step (25002, 25007, ...). */
  failures?: { inventory?: Map<string, number>; offer?: Map<string, number>; publish?: Map<string, number>; priceQuantity?: Map<string, number> };
  /** SKU -> warning errorId attached to a successful inventory item entry. */
  inventoryWarnings?: Map<string, number>;
  /** SKU -> the state of its published listing that getOffers shows (ListingDetails); default ACTIVE, not on hold. */
  listingStates?: Map<string, { listingStatus?: 'ACTIVE' | 'OUT_OF_STOCK' | 'INACTIVE' | 'ENDED' | 'EBAY_ENDED' | 'NOT_LISTED'; listingOnHold?: boolean }>;
  /**
   * Category id -> its getItemAspectsForCategory answer (Taxonomy API AspectMetadata, checked
   * against the contract): publishing refuses an item that lacks an aspect with aspectRequired.
   */
  categoryAspects?: Map<string, unknown>;
  faults?: FaultOptions;
  onRequest?: (route: string) => void;
  /** A request carried out whose answer never comes (a point to kill the client at). */
  hold?: HoldAnswer;
}

export interface MockGroup {
  body: Record<string, any>;
  listingId?: string;
  publishes: number;
}

export interface MockOffer {
  offerId: string;
  sku: string;
  marketplaceId: string;
  format: string;
  body: Record<string, unknown>;
  status: 'UNPUBLISHED' | 'PUBLISHED';
  listingId?: string;
  publishes: number;
}

export interface EbayMock {
  server: MockServer;
  url: string;
  violations: string[];
  items: Map<string, Record<string, unknown>>;
  offers: Map<string, MockOffer>;
  /** Offers created per SKU (must never exceed 1). */
  offerCreates: Map<string, number>;
  /** Inventory item requests per SKU (what a resumed push sends again). */
  itemSends: Map<string, number>;
  priceUpdates: Array<{ sku: string; offerId: string; quantity?: number; price?: unknown }>;
  /** Inventory item groups by key. */
  groups: Map<string, MockGroup>;
  /** Publishes eBay would refuse and did here (the SKU or group, and why). */
  refusals: string[];
  /** Offers withdrawn (listings ended), offers deleted and inventory items deleted, by SKU, in order. */
  removed: { withdrawn: string[]; offers: string[]; items: string[]; groups: string[] };
  tokensIssued: number;
  /** Invalidate every access token issued so far (the next call gets 401). */
  revokeTokens(): void;
  close(): Promise<void>;
}

const ERROR_TEXT: Record<number, string> = {
  25002: 'A user error has occurred. Offer entity already exists.',
  25007: 'Please add at least one valid shipping service option to your listing.',
  25020: 'Invalid item condition information.',
  25709: 'Invalid value for sku.',
  25401: 'Invalid listing options. Item specifics are recommended for this category.',
};

export async function startEbayMock(opts: EbayMockOptions): Promise<EbayMock> {
  const validate = ebayValidator();
  const violations: string[] = [];
  const items = new Map<string, Record<string, unknown>>();
  const offers = new Map<string, MockOffer>();
  const offerCreates = new Map<string, number>();
  const itemSends = new Map<string, number>();
  const priceUpdates: EbayMock['priceUpdates'] = [];
  const removed: EbayMock['removed'] = { withdrawn: [], offers: [], items: [], groups: [] };
  const groups = new Map<string, MockGroup>();
  const refusals: string[] = [];
  const required = new Map<string, string[]>();
  for (const [category, metadata] of opts.categoryAspects ?? []) {
    const errors = aspectMetadataValidator()(metadata);
    if (errors.length) throw new Error(`categoryAspects ${category}: not a getItemAspectsForCategory answer: ${errors.join('; ')}`);
    required.set(category, ((metadata as any).aspects ?? []).filter((a: any) => a.aspectConstraint?.aspectRequired).map((a: any) => a.localizedAspectName));
  }
  const groupOf = (sku: string) => [...groups.entries()].find(([, g]) => (g.body.variantSKUs ?? []).includes(sku));
  /** Why eBay would not publish this SKU's offer (item specifics missing or lacking the category's required ones), or undefined. */
  const unpublishable = (sku: string, categoryId: unknown, shared: Record<string, unknown> = {}): string | undefined => {
    const aspects = { ...shared, ...((items.get(sku)?.product as any)?.aspects ?? {}) };
    if (Object.keys(aspects).length === 0) return `${sku}: no item specifics (product.aspects is required to publish)`;
    const missing = (required.get(String(categoryId)) ?? []).filter((n) => !(n in aspects));
    return missing.length ? `${sku}: category ${categoryId} requires item specifics ${missing.join(', ')}` : undefined;
  };
  const groupNotFound = (key: string): MockReply => ({ status: 404, json: { errors: [{ errorId: 25705, message: `The Inventory Item Group named ${key} could not be found.` }] } });
  const refuse = (why: string, errorId = 25002): MockReply => {
    refusals.push(why);
    return { status: 400, json: { errors: [{ errorId, domain: 'API_INVENTORY', category: 'REQUEST', message: why }] } };
  };
  const notAvailable: MockReply = { status: 404, json: { errors: [{ errorId: 25713, domain: 'API_INVENTORY', category: 'REQUEST', message: 'This Offer is not available.' }] } };
  const tokens = new Set<string>();
  const state = { tokensIssued: 0, seq: 0 };
  const f = opts.failures ?? {};

  const check = (what: string, errors: string[]): boolean => {
    for (const e of errors) violations.push(`${what}: ${e}`);
    return errors.length === 0;
  };
  const guard = (req: MockRequest, schema: EbaySchemaName | undefined, body?: unknown): MockReply | undefined => {
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Bearer ') || !tokens.has(auth.slice(7))) return { status: 401, json: { errors: [{ errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token' }] } };
    if (schema && req.method !== 'GET' && req.headers['content-language'] !== 'en-US') violations.push(`${schema}: Content-Language "${req.headers['content-language']}"`);
    if (schema && !check(schema, validate(schema, body))) return { status: 400, json: { errors: [{ errorId: 2004, message: 'Invalid request' }] } };
    return undefined;
  };
  const entryError = (id: number) => [{ errorId: id, domain: 'API_INVENTORY', category: 'REQUEST', message: ERROR_TEXT[id] ?? 'A user error has occurred.' }];
  const bulkReply = (responses: Array<{ statusCode: number }>, schema: EbaySchemaName): MockReply => {
    const json = { responses };
    check(`${schema} (mock output)`, validate(schema, json));
    return { status: responses.every((r) => r.statusCode < 300) ? 200 : 207, json };
  };

  const routes: MockRoute[] = [
    {
      name: 'token',
      method: 'POST',
      path: /^\/identity\/v1\/oauth2\/token$/,
      handle: (req) => {
        const c = opts.credentials;
        const form = new URLSearchParams(req.body.toString('utf8'));
        const basic = `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`;
        if (req.headers.authorization !== basic || form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== c.refreshToken || !form.get('scope')) {
          return { status: 400, json: { error: 'invalid_grant', error_description: 'the provided authorization refresh token is invalid or was issued to another client' } };
        }
        const token = `v^1.1#i^1#access-${++state.tokensIssued}`;
        tokens.add(token);
        return { status: 200, json: { access_token: token, expires_in: 7200, token_type: 'User Access Token' } };
      },
    },
    {
      name: 'bulkCreateOrReplaceInventoryItem',
      method: 'POST',
      path: /^\/sell\/inventory\/v1\/bulk_create_or_replace_inventory_item$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'BulkInventoryItem', body);
        if (denied) return denied;
        const responses = body.requests.map((r: any) => {
          itemSends.set(r.sku, (itemSends.get(r.sku) ?? 0) + 1);
          const err = f.inventory?.get(r.sku);
          if (err) return { statusCode: 400, sku: r.sku, locale: r.locale, errors: entryError(err) };
          const existed = items.has(r.sku);
          items.set(r.sku, r);
          const warn = opts.inventoryWarnings?.get(r.sku);
          return { statusCode: existed ? 204 : 201, sku: r.sku, locale: r.locale, ...(warn ? { warnings: entryError(warn) } : {}) };
        });
        return bulkReply(responses, 'BulkInventoryItemResponse');
      },
    },
    {
      name: 'getOffers',
      method: 'GET',
      path: /^\/sell\/inventory\/v1\/offer$/,
      handle: (req) => {
        const denied = guard(req, undefined);
        if (denied) return denied;
        const sku = req.url.searchParams.get('sku');
        const mp = req.url.searchParams.get('marketplace_id');
        if (!sku) return { status: 400, json: { errors: [{ errorId: 25709, message: ERROR_TEXT[25709] }] } };
        const found = [...offers.values()].filter((o) => o.sku === sku && (!mp || o.marketplaceId === mp));
        if (found.length === 0) return { status: 404, json: { errors: [{ errorId: 25713, message: 'This Offer is not available.' }] } };
        const listing = (o: MockOffer) => {
          // ListingDetails is only returned for published offers.
          if (o.status !== 'PUBLISHED') return {};
          const s = opts.listingStates?.get(o.sku);
          return { listing: { listingId: o.listingId, listingStatus: s?.listingStatus ?? 'ACTIVE', ...(s?.listingOnHold ? { listingOnHold: true } : {}), soldQuantity: 0 } };
        };
        const json = { total: found.length, size: found.length, limit: 25, offers: found.map((o) => ({ ...o.body, offerId: o.offerId, sku: o.sku, marketplaceId: o.marketplaceId, format: o.format, status: o.status, ...listing(o) })) };
        check('Offers (mock output)', validate('Offers', json));
        return { status: 200, json };
      },
    },
    {
      name: 'updateOffer',
      method: 'PUT',
      path: /^\/sell\/inventory\/v1\/offer\/([^/]+)$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'EbayOfferDetailsWithId', body);
        if (denied) return denied;
        const offer = offers.get(decodeURIComponent(req.params[0]!));
        if (!offer) return { status: 404, json: { errors: [{ errorId: 25713, message: 'This Offer is not available.' }] } };
        offer.body = body;
        return { status: 200, json: { offerId: offer.offerId } };
      },
    },
    {
      name: 'withdrawOffer',
      method: 'POST',
      path: /^\/sell\/inventory\/v1\/offer\/([^/]+)\/withdraw$/,
      handle: (req) => {
        const denied = guard(req, undefined);
        if (denied) return denied;
        const offer = offers.get(decodeURIComponent(req.params[0]!));
        if (!offer) return notAvailable;
        // eBay withdraws only a published offer (errorId 25713 otherwise).
        if (offer.status !== 'PUBLISHED') return { status: 400, json: { errors: [{ errorId: 25713, message: 'The offer is not published.' }] } };
        offer.status = 'UNPUBLISHED';
        removed.withdrawn.push(offer.sku);
        return { status: 200, json: { listingId: offer.listingId } };
      },
    },
    {
      name: 'deleteOffer',
      method: 'DELETE',
      path: /^\/sell\/inventory\/v1\/offer\/([^/]+)$/,
      handle: (req) => {
        const denied = guard(req, undefined);
        if (denied) return denied;
        const offer = offers.get(decodeURIComponent(req.params[0]!));
        if (!offer) return notAvailable;
        if (offer.status === 'PUBLISHED') violations.push(`deleteOffer: offer ${offer.offerId} of ${offer.sku} is still published (withdraw it first)`);
        offers.delete(offer.offerId);
        removed.offers.push(offer.sku);
        return { status: 204 };
      },
    },
    {
      name: 'deleteInventoryItem',
      method: 'DELETE',
      path: /^\/sell\/inventory\/v1\/inventory_item\/([^/]+)$/,
      handle: (req) => {
        const denied = guard(req, undefined);
        if (denied) return denied;
        const sku = decodeURIComponent(req.params[0]!);
        if (!items.has(sku)) return { status: 404, json: { errors: [{ errorId: 25702, message: `The SKU ${sku} could not be found.` }] } };
        items.delete(sku);
        removed.items.push(sku);
        return { status: 204 };
      },
    },
    {
      name: 'createOrReplaceInventoryItemGroup',
      method: 'PUT',
      path: /^\/sell\/inventory\/v1\/inventory_item_group\/([^/]+)$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'InventoryItemGroup', body);
        if (denied) return denied;
        const key = decodeURIComponent(req.params[0]!);
        const unknown = (body.variantSKUs ?? []).filter((sku: string) => !items.has(sku));
        if (!body.variantSKUs?.length || unknown.length) return refuse(`group ${key}: variantSKUs ${unknown.join(', ') || '(none)'} are no inventory items`, 25709);
        const existed = groups.get(key);
        groups.set(key, { body, listingId: existed?.listingId, publishes: existed?.publishes ?? 0 });
        return { status: existed ? 204 : 201 };
      },
    },
    {
      name: 'publishOfferByInventoryItemGroup',
      method: 'POST',
      path: /^\/sell\/inventory\/v1\/offer\/publish_by_inventory_item_group$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'PublishByInventoryItemGroupRequest', body);
        if (denied) return denied;
        const group = groups.get(body.inventoryItemGroupKey);
        if (!group || !body.marketplaceId) return refuse(`publish group ${body.inventoryItemGroupKey}: no such inventory item group`, 25705);
        const g = group.body;
        const specs: Array<{ name: string; values: string[] }> = g.variesBy?.specifications ?? [];
        const imageBy: string[] = g.variesBy?.aspectsImageVariesBy ?? [];
        // Publish notes of InventoryItemGroup: title, description, aspects and variesBy are required to publish.
        if (!g.title || !g.description || !g.aspects || specs.length === 0 || imageBy.length === 0) return refuse(`publish group ${body.inventoryItemGroupKey}: title, description, aspects and variesBy (specifications, aspectsImageVariesBy) are required`);
        if (imageBy.some((n) => !specs.some((sp) => sp.name === n))) return refuse(`publish group ${body.inventoryItemGroupKey}: aspectsImageVariesBy ${imageBy.join(', ')} not among the specifications`);
        const offersOf = (g.variantSKUs as string[]).map((sku) => [...offers.values()].find((o) => o.sku === sku && o.marketplaceId === body.marketplaceId));
        const seen = new Set<string>();
        for (const [i, sku] of (g.variantSKUs as string[]).entries()) {
          const offer = offersOf[i];
          if (!offer) return refuse(`publish group ${body.inventoryItemGroupKey}: variant ${sku} has no offer on ${body.marketplaceId}`, 25713);
          const aspects = ((items.get(sku)?.product as any)?.aspects ?? {}) as Record<string, string[]>;
          const choice = specs.map((sp) => aspects[sp.name]?.[0]);
          if (specs.some((sp, k) => aspects[sp.name]?.length !== 1 || !sp.values.includes(choice[k]!))) return refuse(`publish group ${body.inventoryItemGroupKey}: variant ${sku} lacks a value of ${specs.map((sp) => sp.name).join(', ')} listed in variesBy`);
          if (seen.has(JSON.stringify(choice))) return refuse(`publish group ${body.inventoryItemGroupKey}: variant ${sku} duplicates another variant's ${specs.map((sp) => sp.name).join('/')}`);
          seen.add(JSON.stringify(choice));
          const why = unpublishable(sku, offer.body.categoryId, g.aspects);
          if (why) return refuse(why);
        }
        group.listingId ??= String(110_000_000 + ++state.seq);
        group.publishes++;
        for (const offer of offersOf) {
          offer!.status = 'PUBLISHED';
          offer!.listingId = group.listingId;
          offer!.publishes++;
        }
        return { status: 200, json: { listingId: group.listingId } };
      },
    },
    {
      name: 'withdrawOfferByInventoryItemGroup',
      method: 'POST',
      path: /^\/sell\/inventory\/v1\/offer\/withdraw_by_inventory_item_group$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'WithdrawByInventoryItemGroupRequest', body);
        if (denied) return denied;
        const group = groups.get(body.inventoryItemGroupKey);
        if (!group) return groupNotFound(body.inventoryItemGroupKey);
        for (const o of offers.values()) if ((group.body.variantSKUs ?? []).includes(o.sku) && o.status === 'PUBLISHED') o.status = 'UNPUBLISHED';
        removed.withdrawn.push(`group:${body.inventoryItemGroupKey}`);
        return { status: 204 };
      },
    },
    {
      name: 'deleteInventoryItemGroup',
      method: 'DELETE',
      path: /^\/sell\/inventory\/v1\/inventory_item_group\/([^/]+)$/,
      handle: (req) => {
        const denied = guard(req, undefined);
        if (denied) return denied;
        const key = decodeURIComponent(req.params[0]!);
        if (!groups.delete(key)) return groupNotFound(key);
        removed.groups.push(key);
        return { status: 204 };
      },
    },
    {
      name: 'bulkCreateOffer',
      method: 'POST',
      path: /^\/sell\/inventory\/v1\/bulk_create_offer$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'BulkEbayOfferDetailsWithKeys', body);
        if (denied) return denied;
        const responses = body.requests.map((r: any) => {
          const base = { sku: r.sku, marketplaceId: r.marketplaceId, format: r.format };
          const err = f.offer?.get(r.sku);
          if (err) return { ...base, statusCode: 400, errors: entryError(err) };
          if (!items.has(r.sku)) return { ...base, statusCode: 400, errors: entryError(25709) };
          if ([...offers.values()].some((o) => o.sku === r.sku && o.marketplaceId === r.marketplaceId)) return { ...base, statusCode: 400, errors: entryError(25002) };
          const offerId = String(9_000_000 + ++state.seq);
          offers.set(offerId, { offerId, sku: r.sku, marketplaceId: r.marketplaceId, format: r.format, body: r, status: 'UNPUBLISHED', publishes: 0 });
          offerCreates.set(r.sku, (offerCreates.get(r.sku) ?? 0) + 1);
          return { ...base, statusCode: 200, offerId };
        });
        return bulkReply(responses, 'BulkOfferResponse');
      },
    },
    {
      name: 'bulkPublishOffer',
      method: 'POST',
      path: /^\/sell\/inventory\/v1\/bulk_publish_offer$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'BulkOffer', body);
        if (denied) return denied;
        const responses = body.requests.map((r: any) => {
          const offer = offers.get(r.offerId);
          if (!offer) return { offerId: r.offerId, statusCode: 404, errors: [{ errorId: 25713, message: 'This Offer is not available.' }] };
          const err = f.publish?.get(offer.sku);
          if (err) return { offerId: r.offerId, statusCode: 400, errors: entryError(err) };
          const grouped = groupOf(offer.sku);
          const why = grouped ? `${offer.sku} is a variant of inventory item group ${grouped[0]}; publish it with publishOfferByInventoryItemGroup` : unpublishable(offer.sku, offer.body.categoryId);
          if (why) {
            refusals.push(why);
            return { offerId: r.offerId, statusCode: 400, errors: [{ errorId: 25002, domain: 'API_INVENTORY', category: 'REQUEST', message: why }] };
          }
          offer.status = 'PUBLISHED';
          offer.listingId ??= String(110_000_000 + ++state.seq);
          offer.publishes++;
          return { offerId: r.offerId, statusCode: 200, listingId: offer.listingId };
        });
        return bulkReply(responses, 'BulkPublishResponse');
      },
    },
    {
      name: 'bulkUpdatePriceQuantity',
      method: 'POST',
      path: /^\/sell\/inventory\/v1\/bulk_update_price_quantity$/,
      handle: (req) => {
        const body = req.json();
        const denied = guard(req, 'BulkPriceQuantity', body);
        if (denied) return denied;
        const responses = body.requests.flatMap((r: any) =>
          (r.offers ?? []).map((o: any) => {
            const err = f.priceQuantity?.get(r.sku);
            if (err) return { sku: r.sku, offerId: o.offerId, statusCode: 400, errors: entryError(err) };
            if (!offers.has(o.offerId)) return { sku: r.sku, offerId: o.offerId, statusCode: 404, errors: [{ errorId: 25713, message: 'This Offer is not available.' }] };
            priceUpdates.push({ sku: r.sku, offerId: o.offerId, quantity: o.availableQuantity, price: o.price });
            return { sku: r.sku, offerId: o.offerId, statusCode: 200 };
          }),
        );
        return bulkReply(responses, 'BulkPriceQuantityResponse');
      },
    },
  ];
  const server = await startMockServer(withHeldAnswer(routes, opts.hold), opts.faults, opts.onRequest);
  return {
    server,
    url: server.url,
    violations,
    items,
    offers,
    offerCreates,
    itemSends,
    priceUpdates,
    groups,
    refusals,
    removed,
    get tokensIssued() {
      return state.tokensIssued;
    },
    revokeTokens: () => tokens.clear(),
    close: () => server.close(),
  };
}
