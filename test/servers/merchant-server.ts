import { createVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppliedLog, startMockApi, type FaultOptions, type MockApi, type MockReply, type MockRequest } from './merchant-meta-pinterest-faults.js';

const PROTOS = path.resolve(process.cwd(), '../shared/specs/google/merchantapi/products/v1');
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Field names (JSON, camelCase) of a top-level proto message, read from the official .proto. */
export function protoFields(file: string, message: string): Set<string> {
  const text = readFileSync(path.join(PROTOS, file), 'utf8');
  const start = text.indexOf(`\nmessage ${message} {`);
  if (start < 0) throw new Error(`no message ${message} in ${file}`);
  const body = text.slice(start, text.indexOf('\n}', start));
  const fields = [...body.matchAll(/^ {2}(?:optional |repeated )?[A-Za-z0-9_.]+ ([a-z0-9_]+) = \d+/gm)].map((m) => camel(m[1]!));
  return new Set(fields);
}

/** Values of a top-level proto enum, without the UNSPECIFIED one. */
export function protoEnum(file: string, name: string): Set<string> {
  const text = readFileSync(path.join(PROTOS, file), 'utf8');
  const start = text.indexOf(`\nenum ${name} {`);
  const body = text.slice(start, text.indexOf('\n}', start));
  return new Set([...body.matchAll(/^ {2}([A-Z0-9_]+) = \d+;/gm)].map((m) => m[1]!).filter((v) => !v.endsWith('_UNSPECIFIED')));
}

/** More Merchant API endpoints on the same server and token (e.g. products.list); undefined: not theirs. */
export type MerchantRoutes = (req: MockRequest, products: Map<string, Record<string, any>>, violations: string[]) => MockReply | undefined;

export interface MerchantServer extends MockApi {
  /** Product inputs held, by `language~label~offerId`. */
  products: Map<string, Record<string, any>>;
  applied: AppliedLog;
  /** Access tokens issued by the token endpoint; API calls answered (token requests aside). */
  counters: { tokens: number; calls: number };
}

/**
 * Plays the Merchant API v1 (productInputs insert and delete) and Google's OAuth token endpoint.
 * Checks the JWT signature against the service account's public key, every body field against
 * productinputs.proto / products_common.proto, and the enums' values. A title containing REJECT
 * is refused with 400 (a per-item error).
 */
export async function startMerchantServer(o: { account: string; dataSource: string; publicKey: string; clientEmail: string; revokeFirstToken?: boolean; routes?: MerchantRoutes } & FaultOptions): Promise<MerchantServer> {
  const inputFields = protoFields('productinputs.proto', 'ProductInput');
  const attrFields = protoFields('products_common.proto', 'ProductAttributes');
  const enums: Record<string, Set<string>> = {
    availability: protoEnum('products_common.proto', 'Availability'),
    condition: protoEnum('products_common.proto', 'Condition'),
    gender: protoEnum('products_common.proto', 'Gender'),
    ageGroup: protoEnum('products_common.proto', 'AgeGroup'),
  };
  const products = new Map<string, Record<string, any>>();
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
    const routed = o.routes?.(req, products, violations);
    if (routed) return routed;
    if (req.url.searchParams.get('dataSource') !== dataSource) v(`dataSource must be ${dataSource}, got ${req.url.searchParams.get('dataSource')}`);
    if (req.method === 'POST' && req.url.pathname === `/products/v1/accounts/${o.account}/productInputs:insert`) {
      const body = req.json as Record<string, any>;
      for (const k of Object.keys(body ?? {})) if (!inputFields.has(k)) v(`ProductInput has no field ${k}`);
      for (const k of ['offerId', 'contentLanguage', 'feedLabel']) if (typeof body?.[k] !== 'string' || !body[k]) v(`ProductInput.${k} is required`);
      const attrs = (body?.productAttributes ?? {}) as Record<string, any>;
      for (const [k, val] of Object.entries(attrs)) {
        if (!attrFields.has(k)) v(`ProductAttributes has no field ${k}`);
        if (enums[k] && !enums[k]!.has(val)) v(`ProductAttributes.${k}: ${val} is not a value of the enum`);
        if ((k === 'price' || k === 'salePrice') && !(typeof val.amountMicros === 'string' && /^\d+$/.test(val.amountMicros) && /^[A-Z]{3}$/.test(val.currencyCode))) v(`${k} must be a Price {amountMicros, currencyCode}`);
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
  return Object.assign(api, { products, applied, counters });
}
