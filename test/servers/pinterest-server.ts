import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { compilePinterestItemValidator, PINTEREST_OPENAPI } from '../channels/pinterest/pinterest-item-schema.js';
import { isRfc3339 } from './api-checks.js';
import { AppliedLog, startMockApi, type FaultOptions, type MockApi } from './merchant-meta-pinterest-faults.js';

/** OpenAPI 3.0 puts `nullable` beside oneOf/anyOf; Ajv reads it only beside `type`. */
function nullableToJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableToJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, nullableToJsonSchema(v)])) as Record<string, any>;
  if (out.nullable !== undefined && out.type === undefined) {
    if (out.nullable && out.oneOf) out.oneOf = [...out.oneOf, { type: 'null' }];
    if (out.nullable && out.anyOf) out.anyOf = [...out.anyOf, { type: 'null' }];
    delete out.nullable;
  }
  return out;
}

/** An ItemValidationEvent as a processing record lists it. */
export interface PinterestEvent {
  attribute: string;
  code?: number;
  message: string;
}

/** What Pinterest decides about items beyond schema checks, and how it throttles reads. */
export interface PinterestVerdictOptions {
  /** Every Nth batch-status read is refused with 429 and the rate-limit headers; default never. */
  throttleEvery?: number;
  /** Errors per item id: the record is FAILURE and the item not applied. */
  errors?: Map<string, PinterestEvent[]>;
  /** Warnings per item id: the record stays SUCCESS. */
  warnings?: Map<string, PinterestEvent[]>;
}

/**
 * Pinterest's refusal of a call over its rate limit: 429, an Error body, and the rate-limit
 * headers (limit, remaining, seconds until reset; 0 here so tests do not wait).
 */
export const PINTEREST_THROTTLED = {
  status: 429,
  headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0', 'retry-after': '0' },
  body: { code: 8, message: 'You have exceeded your rate limit. Try again later.' },
};

export interface PinterestServer extends MockApi {
  items: Map<string, Record<string, unknown>>;
  applied: AppliedLog;
  counters: { batches: number; polls: number };
}

/**
 * Plays Pinterest API v5 `POST /v5/catalogs/items/batch` and `GET /v5/catalogs/items/batch/{id}`.
 * Every request body is validated with ajv against the OpenAPI document's request schema
 * (CatalogsItemsUpsertBatchRequest / CatalogsItemsDeleteBatchRequest: country, language,
 * operation, 1..1,000 items) and each item's attributes against the strict item schema, the sale
 * period as two RFC 3339 timestamps. A request that breaks the request schema is refused with 400
 * (nothing applied); an item whose attributes break the item schema gets a FAILURE record and is
 * not applied, as Pinterest reports attribute errors per item. Both are also recorded as
 * violations. A batch is PROCESSING at its first poll, then COMPLETED with a record per item;
 * titles with REJECT fail, items
 * without gtin get a warning, and `verdicts` adds errors and warnings per item and throttling.
 */
export async function startPinterestServer(o: { token: string; verdicts?: PinterestVerdictOptions } & FaultOptions): Promise<PinterestServer> {
  const decide = o.verdicts ?? {};
  let reads = 0;
  const doc = JSON.parse(readFileSync(PINTEREST_OPENAPI, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addSchema({ $id: 'pinterest', components: nullableToJsonSchema(doc.components) });
  const upsert = ajv.compile({ $ref: 'pinterest#/components/schemas/CatalogsItemsUpsertBatchRequest' });
  const remove = ajv.compile({ $ref: 'pinterest#/components/schemas/CatalogsItemsDeleteBatchRequest' });
  const attributes = compilePinterestItemValidator();
  const items = new Map<string, Record<string, unknown>>();
  const applied = new AppliedLog();
  const batches = new Map<string, { polled: number; records: Array<{ item_id: string; status: string; errors: PinterestEvent[]; warnings: PinterestEvent[] }> }>();
  const counters = { batches: 0, polls: 0 };
  const api = await startMockApi((req, violations) => {
    const v = (m: string) => violations.push(`${req.method} ${req.url.pathname}: ${m}`);
    if (req.headers.authorization !== `Bearer ${o.token}`) return { status: 401, body: { code: 2, message: 'Authentication failed.' } };
    if (req.method === 'POST' && req.url.pathname === '/v5/catalogs/items/batch') {
      const body = req.json as { operation?: string; items?: Array<{ item_id: string; attributes?: Record<string, unknown> }> };
      const validate = body?.operation === 'DELETE' ? remove : upsert;
      if (!validate(body) || !['UPSERT', 'DELETE'].includes(String(body?.operation))) {
        const message = validate.errors ? ajv.errorsText(validate.errors) : `operation ${body?.operation}`;
        v(message);
        return { status: 400, body: { code: 1, message: `Invalid parameters. ${message}` } };
      }
      const records = (body?.items ?? []).map((it, i) => {
        if (body.operation === 'DELETE') {
          items.delete(it.item_id);
          applied.apply(`${it.item_id}#deleted`, null);
          return { item_id: it.item_id, status: 'SUCCESS', errors: [], warnings: [] };
        }
        const problems: PinterestEvent[] = attributes(it.attributes) ? [] : (attributes.errors ?? []).map((e) => ({ attribute: e.instancePath.slice(1) || String(e.params?.additionalProperty ?? ''), message: e.message ?? 'invalid' }));
        const period = it.attributes?.sale_price_effective_date;
        if (typeof period === 'string' && !period.split('/').every(isRfc3339)) problems.push({ attribute: 'sale_price_effective_date', message: `"${period}" is not start/end in ISO 8601 date-times` });
        for (const e of problems) v(`items[${i}].attributes.${e.attribute}: ${e.message}`);
        if (problems.length) return { item_id: it.item_id, status: 'FAILURE', errors: problems, warnings: [] };
        if (String(it.attributes?.title ?? '').includes('REJECT')) return { item_id: it.item_id, status: 'FAILURE', errors: [{ attribute: 'title', message: 'Title contains a blocked term' }], warnings: [] };
        const refused = decide.errors?.get(it.item_id);
        if (refused?.length) return { item_id: it.item_id, status: 'FAILURE', errors: refused, warnings: [] };
        items.set(it.item_id, it.attributes ?? {});
        applied.apply(it.item_id, it.attributes);
        const warnings = [...(it.attributes?.gtin ? [] : [{ attribute: 'gtin', message: 'GTIN is missing: items with a GTIN show in more places' }]), ...(decide.warnings?.get(it.item_id) ?? [])];
        return { item_id: it.item_id, status: 'SUCCESS', errors: [], warnings };
      });
      const batchId = `595953100599279259-${(++counters.batches).toString(16).padStart(32, '0')}`;
      batches.set(batchId, { polled: 0, records });
      return { status: 200, body: { batch_id: batchId, catalog_type: 'RETAIL', created_time: '2026-03-01T10:00:00', status: 'PROCESSING' } };
    }
    const poll = /^\/v5\/catalogs\/items\/batch\/([^/]+)$/.exec(req.url.pathname);
    if (req.method === 'GET' && poll) {
      if (decide.throttleEvery && ++reads % decide.throttleEvery === 0) return PINTEREST_THROTTLED;
      counters.polls++;
      const b = batches.get(decodeURIComponent(poll[1]!));
      if (!b) {
        v(`unknown batch ${poll[1]}`);
        return { status: 404, body: { code: 4180, message: 'Batch not found' } };
      }
      b.polled++;
      const done = b.polled > 1;
      return { status: 200, body: { batch_id: poll[1], catalog_type: 'RETAIL', created_time: '2026-03-01T10:00:00', status: done ? 'COMPLETED' : 'PROCESSING', items: done ? b.records : [] } };
    }
    v('unknown endpoint');
    return { status: 404, body: {} };
  }, o);
  return Object.assign(api, { items, applied, counters });
}
