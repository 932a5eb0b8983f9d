import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isRfc3339, textProblems } from './api-checks.js';
import { AppliedLog, startMockApi, type FaultOptions, type MockApi } from './merchant-meta-pinterest-faults.js';
import { metaProductRoutes, type MetaVerdictOptions } from './meta-product-status.js';

const SPECS = path.resolve(process.cwd(), '../shared/specs/meta');

/**
 * items_batch takes catalog-feed names; each maps to a ProductItem field of the Graph API spec
 * (the rest are ProductItem fields under their own name). Source: Meta's catalog feed reference.
 */
export const FEED_TO_PRODUCT_ITEM: Record<string, string> = {
  id: 'retailer_id', title: 'name', link: 'url', image_link: 'image_url', additional_image_link: 'additional_image_urls',
  item_group_id: 'retailer_product_group_id', mpn: 'manufacturer_part_number', google_product_category: 'category',
};

export interface MetaServer extends MockApi {
  items: Map<string, Record<string, unknown>>;
  applied: AppliedLog;
  /** Handles whose status was polled while still in progress (each batch is once). */
  counters: { batches: number; polls: number };
}

/** Meta's limits on item texts (commerce catalog specification), in characters. */
const LIMITS = { id: 100, title: 200, description: 9999 } as const;

/**
 * Plays the Graph API catalog endpoints `items_batch` and `check_batch_request_status`: checks
 * the token, the item type, the batch size (<= 5,000), each field against ProductItem.json (via
 * the feed-name mapping; `shipping` rows against ProductItemShipping.json), enums against
 * enum_types.json, value types (int, float), sale dates as RFC 3339 and the text limits. A batch
 * answers `in_progress` at its first status check, then `finished` with an error for every item
 * that broke one of these (as Meta reports invalid requests per line; the item is not applied) or
 * whose title contains REJECT. Every such break is also recorded as a violation.
 */
export async function startMetaServer(o: { catalog: string; token: string; verdicts?: MetaVerdictOptions } & FaultOptions): Promise<MetaServer> {
  const fields = new Set((JSON.parse(readFileSync(path.join(SPECS, 'ProductItem.json'), 'utf8')).fields as Array<{ name: string }>).map((f) => f.name));
  const enumTypes = JSON.parse(readFileSync(path.join(SPECS, 'enum_types.json'), 'utf8')) as Array<{ name: string; values: string[] }>;
  const enumOf = (name: string) => new Set(enumTypes.find((e) => e.name === name)!.values);
  const enums: Record<string, Set<string>> = {
    availability: enumOf('ProductItem_availability'), condition: enumOf('ProductItem_condition'), gender: enumOf('ProductItem_gender'),
    age_group: enumOf('ProductItem_age_group'), shipping_weight_unit: enumOf('ProductItem_shipping_weight_unit'),
  };
  const spec = JSON.parse(readFileSync(path.join(SPECS, 'ProductItem.json'), 'utf8')).fields as Array<{ name: string; type: string }>;
  const typeOf = new Map(spec.map((f) => [f.name, f.type]));
  const shippingFields = new Set((JSON.parse(readFileSync(path.join(SPECS, 'ProductItemShipping.json'), 'utf8')).fields as Array<{ name: string }>).map((f) => f.name));
  /** Problems of one request's data; [] when Meta would take it. */
  const dataProblems = (data: Record<string, unknown>): string[] => {
    const out: string[] = [];
    for (const [k, val] of Object.entries(data)) {
      if (k === 'shipping') {
        if (!Array.isArray(val)) out.push('shipping is not a list of ProductItemShipping');
        else val.forEach((row: Record<string, unknown>, i) => {
          for (const f of Object.keys(row ?? {})) if (!shippingFields.has(f)) out.push(`shipping[${i}].${f} is no ProductItemShipping field`);
          if (typeof row?.shipping_price_value !== 'number' || typeof row?.shipping_price_currency !== 'string') out.push(`shipping[${i}] needs shipping_price_value (float) and shipping_price_currency`);
        });
        continue;
      }
      const name = FEED_TO_PRODUCT_ITEM[k] ?? k;
      if (!fields.has(name)) {
        out.push(`${k} is no ProductItem field`);
        continue;
      }
      if (enums[k] && !enums[k]!.has(String(val))) out.push(`${k}: "${val}" is not one of ${[...enums[k]!].join(', ')}`);
      const type = typeOf.get(name);
      if (type === 'int' && !Number.isInteger(val)) out.push(`${k} is not an int`);
      if (type === 'float' && typeof val !== 'number') out.push(`${k} is not a float`);
      if (type === 'string' && k !== 'id' && typeof val !== 'string') out.push(`${k} is not a string`);
      if ((k === 'sale_price_start_date' || k === 'sale_price_end_date') && !isRfc3339(val)) out.push(`${k} "${val}" is not an RFC 3339 timestamp`);
      if (k === 'title' || k === 'description' || k === 'id') out.push(...textProblems(k, val, LIMITS[k]));
    }
    if (data.sale_price_start_date && data.sale_price_end_date && Date.parse(String(data.sale_price_end_date)) <= Date.parse(String(data.sale_price_start_date))) out.push('sale_price_end_date is not after sale_price_start_date');
    return out;
  };
  const items = new Map<string, Record<string, unknown>>();
  const applied = new AppliedLog();
  type Entry = { line: number; id: string; message: string };
  const batches = new Map<string, { polled: number; errors: Entry[]; warnings: Entry[] }>();
  const reads = metaProductRoutes(o.verdicts ?? {});
  const counters = { batches: 0, polls: 0 };
  const api = await startMockApi((req, violations) => {
    const v = (m: string) => violations.push(`${req.method} ${req.url.pathname}: ${m}`);
    if (req.headers.authorization !== `Bearer ${o.token}`) return { status: 401, body: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 } } };
    const base = `/v21.0/${o.catalog}`;
    if (req.method === 'POST' && req.url.pathname === `${base}/items_batch`) {
      const body = req.json as { item_type?: string; allow_upsert?: boolean; requests?: Array<{ method: string; data: Record<string, unknown> }> };
      if (body?.item_type !== 'PRODUCT_ITEM') v('item_type must be PRODUCT_ITEM');
      const requests = body?.requests ?? [];
      if (requests.length < 1 || requests.length > 5000) v(`requests: ${requests.length} items (1 to 5,000)`);
      const errors: Entry[] = [];
      const warnings: Entry[] = [];
      requests.forEach((r, line) => {
        if (!['CREATE', 'UPDATE', 'DELETE'].includes(r.method)) v(`requests[${line}].method ${r.method}`);
        const id = String(r.data?.id ?? '');
        if (!id) v(`requests[${line}].data.id is required`);
        const problems = r.method === 'DELETE' ? Object.keys(r.data ?? {}).filter((k) => k !== 'id').map((k) => `DELETE takes only id, not ${k}`) : dataProblems(r.data ?? {});
        for (const m of problems) v(`requests[${line}].data.${m}`);
        if (problems.length) {
          errors.push({ line, id, message: `Invalid request: ${problems.join('; ')}` });
        } else if (r.method === 'DELETE') {
          items.delete(id);
          applied.apply(`${id}#deleted`, null);
        } else if (String(r.data.title ?? '').includes('REJECT')) {
          errors.push({ line, id, message: 'The title contains a forbidden word.' });
        } else {
          if (r.method === 'UPDATE' && !body.allow_upsert && !items.has(id)) errors.push({ line, id, message: 'item not found' });
          items.set(id, r.data);
          applied.apply(id, r.data);
          if (!r.data.gtin && !r.data.mpn) warnings.push({ line, id, message: 'Missing value for gtin or mpn: items with a product identifier are easier to match and show' });
        }
      });
      const handle = `handle-${++counters.batches}`;
      batches.set(handle, { polled: 0, errors, warnings });
      return { status: 200, body: { handles: [handle] } };
    }
    if (req.method === 'GET' && req.url.pathname === `${base}/products`) {
      return reads.throttled() ?? reads.products(req, items, violations);
    }
    if (req.method === 'GET' && req.url.pathname === `${base}/check_batch_request_status`) {
      const throttled = reads.throttled();
      if (throttled) return throttled;
      counters.polls++;
      const handle = req.url.searchParams.get('handle') ?? '';
      const b = batches.get(handle);
      if (!b) {
        v(`unknown handle ${handle}`);
        return { status: 400, body: { error: { message: 'invalid handle' } } };
      }
      b.polled++;
      if (b.polled === 1) return { status: 200, body: { data: [{ handle, status: 'started', errors: [], errors_total_count: 0, warnings: [], warnings_total_count: 0, ids_of_invalid_requests: [] }] } };
      const ids = req.url.searchParams.get('load_ids_of_invalid_requests') === 'true' ? [...new Set(b.errors.map((e) => e.id))] : [];
      return { status: 200, body: { data: [{ handle, status: 'finished', errors: b.errors, errors_total_count: b.errors.length, warnings: b.warnings, warnings_total_count: b.warnings.length, ids_of_invalid_requests: ids }] } };
    }
    v('unknown endpoint');
    return { status: 404, body: {} };
  }, o);
  return Object.assign(api, { items, applied, counters });
}
