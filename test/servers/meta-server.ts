import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppliedLog, startMockApi, type FaultOptions, type MockApi } from './merchant-meta-pinterest-faults.js';

const SPECS = path.resolve(process.cwd(), '../shared/specs/meta');

/**
 * items_batch takes catalog-feed names; each maps to a ProductItem field of the Graph API spec
 * (the rest are ProductItem fields under their own name). Source: Meta's catalog feed reference.
 */
const FEED_TO_PRODUCT_ITEM: Record<string, string> = {
  id: 'retailer_id', title: 'name', link: 'url', image_link: 'image_url', additional_image_link: 'additional_image_urls',
  item_group_id: 'retailer_product_group_id', mpn: 'manufacturer_part_number', google_product_category: 'category',
};

export interface MetaServer extends MockApi {
  items: Map<string, Record<string, unknown>>;
  applied: AppliedLog;
  /** Handles whose status was polled while still in progress (each batch is once). */
  counters: { batches: number; polls: number };
}

/**
 * Plays the Graph API catalog endpoints `items_batch` and `check_batch_request_status`: checks
 * the token, the item type, the batch size (<= 5,000), each field against ProductItem.json (via
 * the feed-name mapping), availability and condition against enum_types.json. A batch answers
 * `in_progress` at its first status check, then `finished` with an error for every item whose
 * title contains REJECT.
 */
export async function startMetaServer(o: { catalog: string; token: string } & FaultOptions): Promise<MetaServer> {
  const fields = new Set((JSON.parse(readFileSync(path.join(SPECS, 'ProductItem.json'), 'utf8')).fields as Array<{ name: string }>).map((f) => f.name));
  const enumTypes = JSON.parse(readFileSync(path.join(SPECS, 'enum_types.json'), 'utf8')) as Array<{ name: string; values: string[] }>;
  const enumOf = (name: string) => new Set(enumTypes.find((e) => e.name === name)!.values);
  const enums: Record<string, Set<string>> = { availability: enumOf('ProductItem_availability'), condition: enumOf('ProductItem_condition') };
  const items = new Map<string, Record<string, unknown>>();
  const applied = new AppliedLog();
  const batches = new Map<string, { polled: number; errors: Array<{ line: number; id: string; message: string }> }>();
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
      const errors: Array<{ line: number; id: string; message: string }> = [];
      requests.forEach((r, line) => {
        if (!['CREATE', 'UPDATE', 'DELETE'].includes(r.method)) v(`requests[${line}].method ${r.method}`);
        const id = String(r.data?.id ?? '');
        if (!id) v(`requests[${line}].data.id is required`);
        for (const [k, val] of Object.entries(r.data ?? {})) {
          if (!fields.has(FEED_TO_PRODUCT_ITEM[k] ?? k)) v(`requests[${line}].data.${k} is no ProductItem field`);
          if (enums[k] && !enums[k]!.has(String(val))) v(`requests[${line}].data.${k}: "${val}" is not one of ${[...enums[k]!].join(', ')}`);
        }
        if (r.method === 'DELETE') {
          items.delete(id);
          applied.apply(`${id}#deleted`, null);
        } else if (String(r.data.title ?? '').includes('REJECT')) {
          errors.push({ line, id, message: 'The title contains a forbidden word.' });
        } else {
          if (r.method === 'UPDATE' && !body.allow_upsert && !items.has(id)) errors.push({ line, id, message: 'item not found' });
          items.set(id, r.data);
          applied.apply(id, r.data);
        }
      });
      const handle = `handle-${++counters.batches}`;
      batches.set(handle, { polled: 0, errors });
      return { status: 200, body: { handles: [handle] } };
    }
    if (req.method === 'GET' && req.url.pathname === `${base}/check_batch_request_status`) {
      counters.polls++;
      const handle = req.url.searchParams.get('handle') ?? '';
      const b = batches.get(handle);
      if (!b) {
        v(`unknown handle ${handle}`);
        return { status: 400, body: { error: { message: 'invalid handle' } } };
      }
      b.polled++;
      if (b.polled === 1) return { status: 200, body: { data: [{ handle, status: 'in_progress', errors: [], errors_total_count: 0 }] } };
      return { status: 200, body: { data: [{ handle, status: 'finished', errors: b.errors, errors_total_count: b.errors.length, warnings: [], warnings_total_count: 0 }] } };
    }
    v('unknown endpoint');
    return { status: 404, body: {} };
  }, o);
  return Object.assign(api, { items, applied, counters });
}
