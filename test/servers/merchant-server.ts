import { createVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { intervalProblems, isRfc3339, textProblems } from './api-checks.js';
import { AppliedLog, startMockApi, type FaultOptions, type MockApi } from './merchant-meta-pinterest-faults.js';

const SPECS = path.resolve(process.cwd(), '../shared/specs/google/merchantapi');
const PROTOS = path.join(SPECS, 'products/v1');
const INVENTORY_PROTOS = path.join(SPECS, 'inventories/v1');
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Field names (JSON, camelCase) of a top-level proto message, read from the official .proto. */
export function protoFields(file: string, message: string, dir = PROTOS): Set<string> {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const start = text.indexOf(`\nmessage ${message} {`);
  if (start < 0) throw new Error(`no message ${message} in ${file}`);
  const body = text.slice(start, text.indexOf('\n}', start));
  const fields = [...body.matchAll(/^ {2}(?:optional |repeated )?[A-Za-z0-9_.]+ ([a-z0-9_]+) = \d+/gm)].map((m) => camel(m[1]!));
  return new Set(fields);
}

/** Fields of a proto message that are OUTPUT_ONLY: a client that sends them is wrong. */
function outputOnly(file: string, message: string, dir: string): Set<string> {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const start = text.indexOf(`\nmessage ${message} {`);
  const body = text.slice(start, text.indexOf('\n}', start));
  return new Set([...body.matchAll(/^ {2}(?:optional )?[A-Za-z0-9_.]+ ([a-z0-9_]+) = \d+\s*\[\(google\.api\.field_behavior\) = OUTPUT_ONLY\]/gm)].map((m) => camel(m[1]!)));
}

/** Values of an enum nested in a message (`message X { enum Y { ... } }`), without the UNSPECIFIED one. */
function nestedEnum(file: string, name: string, dir: string): Set<string> {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const start = text.indexOf(`enum ${name} {`);
  const body = text.slice(start, text.indexOf('}', start));
  return new Set([...body.matchAll(/^\s+([A-Z0-9_]+) = \d+;/gm)].map((m) => m[1]!).filter((v) => !v.endsWith('_UNSPECIFIED')));
}

/** Values of a top-level proto enum, without the UNSPECIFIED one. */
export function protoEnum(file: string, name: string): Set<string> {
  const text = readFileSync(path.join(PROTOS, file), 'utf8');
  const start = text.indexOf(`\nenum ${name} {`);
  const body = text.slice(start, text.indexOf('\n}', start));
  return new Set([...body.matchAll(/^ {2}([A-Z0-9_]+) = \d+;/gm)].map((m) => m[1]!).filter((v) => !v.endsWith('_UNSPECIFIED')));
}

export interface MerchantServer extends MockApi {
  /** Product inputs held, by `language~label~offerId`. */
  products: Map<string, Record<string, any>>;
  /** Local inventories held, by `language~label~offerId/storeCode`. */
  localInventories: Map<string, Record<string, any>>;
  applied: AppliedLog;
  /** Access tokens issued by the token endpoint; API calls answered (token requests aside). */
  counters: { tokens: number; calls: number };
}

/** Merchant Center limits the API enforces (product data specification), in characters or entries. */
const LIMITS = { offerId: 50, title: 150, description: 5000, additionalImageLinks: 10, productTypes: 5 } as const;
const WEIGHT_UNITS = new Set(['lb', 'oz', 'g', 'kg']);

/**
 * Plays the Merchant API v1 (productInputs insert and delete) and Google's OAuth token endpoint.
 * Checks the JWT signature against the service account's public key, every body field (nested
 * Shipping and ShippingWeight too) against productinputs.proto / products_common.proto, the enums'
 * values, timestamps (RFC 3339, as proto3 JSON reads google.protobuf.Timestamp), intervals and
 * limits. A body that breaks any of these is refused with 400 INVALID_ARGUMENT, as the API does,
 * and also recorded as a violation; a title containing REJECT is refused with 400 too.
 */
export async function startMerchantServer(o: { account: string; dataSource: string; publicKey: string; clientEmail: string; revokeFirstToken?: boolean } & FaultOptions): Promise<MerchantServer> {
  const inputFields = protoFields('productinputs.proto', 'ProductInput');
  const attrFields = protoFields('products_common.proto', 'ProductAttributes');
  const shippingFields = protoFields('products_common.proto', 'Shipping');
  const weightFields = protoFields('products_common.proto', 'ShippingWeight');
  const enums: Record<string, Set<string>> = {
    availability: protoEnum('products_common.proto', 'Availability'),
    condition: protoEnum('products_common.proto', 'Condition'),
    gender: protoEnum('products_common.proto', 'Gender'),
    ageGroup: protoEnum('products_common.proto', 'AgeGroup'),
  };
  const products = new Map<string, Record<string, any>>();
  const localInventories = new Map<string, Record<string, any>>();
  const localFields = protoFields('localinventory.proto', 'LocalInventory', INVENTORY_PROTOS);
  const localOutputOnly = outputOnly('localinventory.proto', 'LocalInventory', INVENTORY_PROTOS);
  const localAttrFields = protoFields('inventories_common.proto', 'LocalInventoryAttributes', INVENTORY_PROTOS);
  const localEnums: Record<string, Set<string>> = {
    availability: nestedEnum('inventories_common.proto', 'Availability', INVENTORY_PROTOS),
    pickupMethod: nestedEnum('inventories_common.proto', 'PickupMethod', INVENTORY_PROTOS),
    pickupSla: nestedEnum('inventories_common.proto', 'PickupSla', INVENTORY_PROTOS),
  };
  const productName = (seg: string): string => {
    const name = seg.includes('~') ? seg : Buffer.from(seg, 'base64url').toString('utf8');
    return name;
  };
  const applied = new AppliedLog();
  const tokens = new Set<string>();
  const counters = { tokens: 0, calls: 0 };
  let url = '';
  const dataSource = `accounts/${o.account}/dataSources/${o.dataSource}`;
  const api = await startMockApi((req, violations) => {
    const v = (m: string) => violations.push(`${req.method} ${req.url.pathname}: ${m}`);
    if (req.method === 'POST' && req.url.pathname === '/token') {
      const form = new URLSearchParams(req.text);
      const [h, c, s] = (form.get('assertion') ?? '').split('.');
      const ok = form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && h && c && s && createVerify('RSA-SHA256').update(`${h}.${c}`).verify(o.publicKey, Buffer.from(s, 'base64url'));
      const claims = ok ? JSON.parse(Buffer.from(c!, 'base64url').toString()) : {};
      if (!ok || claims.iss !== o.clientEmail || claims.aud !== `${url}/token` || claims.scope !== 'https://www.googleapis.com/auth/content' || !(claims.exp > claims.iat)) {
        v('invalid JWT assertion');
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      const token = `ya29.mock-${++counters.tokens}`;
      tokens.add(token);
      return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    }
    counters.calls++;
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    // An access token revoked after its first use: the client must fetch a new one, once.
    if (o.revokeFirstToken && auth === 'ya29.mock-1' && counters.calls > 1) tokens.delete(auth);
    if (!auth || !tokens.has(auth)) return { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.' } } };
    const local = new RegExp(`^/inventories/v1/accounts/${o.account}/products/([^/]+)/localInventories(?::insert|/([^/]+))$`).exec(req.url.pathname);
    if (local) {
      const product = productName(decodeURIComponent(local[1]!));
      if (product.split('~').length < 3) v(`${product} is not content_language~feed_label~offer_id`);
      if (req.method === 'POST' && req.url.pathname.endsWith(':insert')) {
        // Like the real API: a body with a field the proto does not have is refused, not ignored.
        const body = req.json as Record<string, any>;
        const refused: string[] = [];
        for (const k of Object.keys(body ?? {})) if (!localFields.has(k) || localOutputOnly.has(k)) refused.push(`LocalInventory.${k}`);
        if (typeof body?.storeCode !== 'string' || !body.storeCode) refused.push('LocalInventory.storeCode is required');
        const attrs = (body?.localInventoryAttributes ?? {}) as Record<string, any>;
        for (const [k, val] of Object.entries(attrs)) {
          if (!localAttrFields.has(k)) refused.push(`LocalInventoryAttributes.${k}`);
          else if (localEnums[k] && !localEnums[k]!.has(val)) refused.push(`LocalInventoryAttributes.${k}: ${val} is not a value of the enum`);
          else if ((k === 'price' || k === 'salePrice') && !(typeof val.amountMicros === 'string' && /^\d+$/.test(val.amountMicros) && /^[A-Z]{3}$/.test(val.currencyCode))) refused.push(`${k} must be a Price {amountMicros, currencyCode}`);
          else if (k === 'quantity' && !(typeof val === 'string' && /^\d+$/.test(val))) refused.push('quantity must be an int64 as a decimal string');
        }
        if (attrs.pickupMethod && attrs.pickupMethod !== 'NOT_SUPPORTED' && !attrs.pickupSla) refused.push('pickupMethod needs pickupSla');
        if (refused.length) {
          for (const r of refused) v(r);
          return { status: 400, body: { error: { code: 400, message: `Invalid JSON payload received. ${refused.join('; ')}`, status: 'INVALID_ARGUMENT' } } };
        }
        const key = `${product}/${body.storeCode}`;
        localInventories.set(key, body);
        applied.apply(key, body);
        return { status: 200, body: { ...body, name: `accounts/${o.account}/products/${product}/localInventories/${body.storeCode}`, account: o.account } };
      }
      if (req.method === 'DELETE' && local[2]) {
        const key = `${product}/${decodeURIComponent(local[2])}`;
        if (!localInventories.has(key)) return { status: 404, body: { error: { code: 404, message: 'not found' } } };
        localInventories.delete(key);
        applied.apply(`${key}#deleted`, null);
        return { status: 200, body: {} };
      }
    }
    if (req.url.searchParams.get('dataSource') !== dataSource) v(`dataSource must be ${dataSource}, got ${req.url.searchParams.get('dataSource')}`);
    if (req.method === 'POST' && req.url.pathname === `/products/v1/accounts/${o.account}/productInputs:insert`) {
      const body = req.json as Record<string, any>;
      const problems: string[] = [];
      const p = (m: string) => problems.push(m);
      const isPrice = (val: any) => typeof val?.amountMicros === 'string' && /^\d+$/.test(val.amountMicros) && /^[A-Z]{3}$/.test(val.currencyCode) && Object.keys(val).length === 2;
      for (const k of Object.keys(body ?? {})) if (!inputFields.has(k)) p(`ProductInput has no field ${k}`);
      for (const k of ['offerId', 'contentLanguage', 'feedLabel']) if (typeof body?.[k] !== 'string' || !body[k]) p(`ProductInput.${k} is required`);
      if (typeof body?.offerId === 'string') problems.push(...textProblems('offerId', body.offerId, LIMITS.offerId));
      const attrs = (body?.productAttributes ?? {}) as Record<string, any>;
      for (const [k, val] of Object.entries(attrs)) {
        if (!attrFields.has(k)) p(`ProductAttributes has no field ${k}`);
        if (enums[k] && !enums[k]!.has(val)) p(`ProductAttributes.${k}: ${val} is not a value of the enum`);
        if ((k === 'price' || k === 'salePrice') && !isPrice(val)) p(`${k} must be a Price {amountMicros, currencyCode}`);
        if ((k === 'availabilityDate' || k === 'expirationDate') && !isRfc3339(val)) p(`${k} "${val}" is not an RFC 3339 timestamp`);
        if (k === 'salePriceEffectiveDate') for (const e of intervalProblems(val)) p(`salePriceEffectiveDate ${e}`);
        if (k === 'title' || k === 'description') problems.push(...textProblems(k, val, LIMITS[k]));
        if ((k === 'additionalImageLinks' || k === 'productTypes') && (!Array.isArray(val) || val.length > LIMITS[k])) p(`${k}: at most ${LIMITS[k]} entries`);
        if (k === 'shipping') {
          (Array.isArray(val) ? val : [val]).forEach((row: Record<string, any>, i: number) => {
            for (const f of Object.keys(row ?? {})) if (!shippingFields.has(f)) p(`shipping[${i}]: Shipping has no field ${f}`);
            if (!isPrice(row?.price)) p(`shipping[${i}].price must be a Price`);
            if (typeof row?.country !== 'string') p(`shipping[${i}].country is required`);
            for (const t of ['minHandlingTime', 'maxHandlingTime', 'minTransitTime', 'maxTransitTime']) if (row?.[t] !== undefined && !/^\d+$/.test(String(row[t]))) p(`shipping[${i}].${t} is not an int64`);
          });
        }
        if (k === 'shippingWeight') {
          for (const f of Object.keys(val ?? {})) if (!weightFields.has(f)) p(`shippingWeight: ShippingWeight has no field ${f}`);
          if (typeof val?.value !== 'number' || !WEIGHT_UNITS.has(val?.unit)) p('shippingWeight must be {value: number, unit: lb|oz|g|kg}');
        }
      }
      if (attrs.salePrice && attrs.price && BigInt(attrs.salePrice.amountMicros ?? 0) > BigInt(attrs.price.amountMicros ?? 0)) p('salePrice is above price');
      if (problems.length) {
        for (const m of problems) v(m);
        return { status: 400, body: { error: { code: 400, message: `Invalid JSON payload received. ${problems.join('; ')}`, status: 'INVALID_ARGUMENT' } } };
      }
      if (String(attrs.title ?? '').includes('REJECT')) return { status: 400, body: { error: { code: 400, message: `[title] Invalid value for offer ${body.offerId}`, status: 'INVALID_ARGUMENT' } } };
      const key = `${body.contentLanguage}~${body.feedLabel}~${body.offerId}`;
      products.set(key, body);
      applied.apply(key, body);
      return { status: 200, body: { ...body, name: `accounts/${o.account}/productInputs/${key}`, product: `accounts/${o.account}/products/${key}` } };
    }
    const del = new RegExp(`^/products/v1/accounts/${o.account}/productInputs/([^/]+)$`).exec(req.url.pathname);
    if (req.method === 'DELETE' && del) {
      const seg = decodeURIComponent(del[1]!);
      // Plain format holds tildes; the encoded format is unpadded base64url.
      const name = seg.includes('~') ? seg : Buffer.from(seg, 'base64url').toString('utf8');
      if (!seg.includes('~') && Buffer.from(name, 'utf8').toString('base64url') !== seg) v(`${seg} is not unpadded base64url`);
      if (name.split('~').length < 3) v(`${name} is not content_language~feed_label~offer_id`);
      if (!products.has(name)) return { status: 404, body: { error: { code: 404, message: 'not found' } } };
      products.delete(name);
      applied.apply(`${name}#deleted`, null);
      return { status: 200, body: {} };
    }
    v('unknown endpoint');
    return { status: 404, body: {} };
  }, o);
  url = api.url;
  return Object.assign(api, { products, localInventories, applied, counters });
}
