import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MockReply, MockRequest } from './merchant-meta-pinterest-faults.js';

const SPECS = path.resolve(process.cwd(), '../shared/specs/meta');

/** A ProductItemError as the Graph API lists it in a product's `errors` (ProductItemError.json, plus call_to_action as the docs show). */
export interface MetaItemError {
  error_type: string;
  error_priority: 'HIGH' | 'MEDIUM' | 'LOW';
  title: string;
  description: string;
  call_to_action?: string;
}

export interface MetaVerdictOptions {
  /** Largest page of /products, whatever `limit` asks; default 1,000. */
  pageCap?: number;
  /** Every Nth read (check_batch_request_status or /products) is throttled the way Meta does; default never. */
  throttleEvery?: number;
  /** Image URLs that do not load: IMAGE_FETCH_FAILED_LINK_BROKEN, HIGH. */
  brokenImages?: Set<string>;
  /** Retailer ids rejected in the policy review, with the reasons Meta gives. */
  rejected?: Map<string, string[]>;
  /** Retailer ids still in review. */
  pending?: Set<string>;
  /** Further item errors per retailer id. */
  errors?: Map<string, MetaItemError[]>;
}

/**
 * Meta's throttling as it answers it: HTTP 400, Graph error 80009 in the body, and the
 * x-business-use-case-usage header saying when to come back (0 minutes here, so tests do not wait).
 */
export const THROTTLED: MockReply = {
  status: 400,
  headers: { 'x-business-use-case-usage': JSON.stringify({ '777000': [{ type: 'catalog_management', call_count: 100, total_cputime: 12, total_time: 35, estimated_time_to_regain_access: 0 }] }) },
  body: { error: { message: '(#80009) There have been too many calls to this Catalog account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.', type: 'OAuthException', code: 80009, fbtrace_id: 'AbCdEf123' } },
};

/** What Meta concludes about a stored item after processing: image fetch errors, its review, further errors. */
function productOf(retailerId: string, data: Record<string, unknown>, o: MetaVerdictOptions, n: number) {
  const errors: MetaItemError[] = [];
  if (o.brokenImages?.has(String(data.image_link ?? ''))) {
    errors.push({ error_type: 'IMAGE_FETCH_FAILED_LINK_BROKEN', error_priority: 'HIGH', title: 'Image link broken', description: "We couldn't download the image from the link you provided.", call_to_action: 'Check that the image link works, then update the item.' });
  }
  errors.push(...(o.errors?.get(retailerId) ?? []));
  const reasons = o.rejected?.get(retailerId);
  const review_status = reasons ? 'rejected' : o.pending?.has(retailerId) ? 'pending' : 'approved';
  return { id: String(9_000_000_000 + n), retailer_id: retailerId, review_status, ...(reasons ? { review_rejection_reasons: reasons } : {}), ...(errors.length ? { errors } : {}) };
}

/**
 * `GET /{catalog}/products` of the Graph API with Meta's cursor paging (`paging.cursors.after`,
 * `paging.next` only while more pages follow). `fields` must name ProductItem fields; an unknown
 * field, an unknown cursor or another parameter is refused with Graph error 100, as Meta does.
 */
export function metaProductRoutes(o: MetaVerdictOptions) {
  const fields = new Set((JSON.parse(readFileSync(path.join(SPECS, 'ProductItem.json'), 'utf8')).fields as Array<{ name: string }>).map((f) => f.name));
  const issued = new Map<string, number>();
  let reads = 0;
  const invalid = (message: string): MockReply => ({ status: 400, body: { error: { message: `(#100) ${message}`, type: 'OAuthException', code: 100, fbtrace_id: 'AbCdEf124' } } });
  return {
    /** Counts a read and answers it throttled every Nth time. */
    throttled(): MockReply | undefined {
      return o.throttleEvery && ++reads % o.throttleEvery === 0 ? THROTTLED : undefined;
    },
    products(req: MockRequest, items: Map<string, Record<string, unknown>>, violations: string[]): MockReply {
      const v = (m: string) => violations.push(`GET ${req.url.pathname}: ${m}`);
      for (const k of req.url.searchParams.keys()) if (!['fields', 'limit', 'after', 'filter', 'summary'].includes(k)) {
        v(`unknown parameter ${k}`);
        return invalid(`Unknown parameter: ${k}`);
      }
      const asked = (req.url.searchParams.get('fields') ?? 'id').split(',');
      const unknown = asked.filter((f) => !fields.has(f));
      if (unknown.length) {
        v(`fields ${unknown.join(', ')} are no ProductItem fields`);
        return invalid(`Tried accessing nonexisting field (${unknown[0]}) on node type (ProductItem)`);
      }
      const after = req.url.searchParams.get('after');
      if (after !== null && !issued.has(after)) {
        v(`cursor ${after} was never issued`);
        return invalid('Invalid cursor');
      }
      const start = after === null ? 0 : issued.get(after)!;
      const size = Math.min(Number(req.url.searchParams.get('limit') ?? 25) || 25, o.pageCap ?? 1000);
      const ids = [...items.keys()].sort();
      const page = ids.slice(start, start + size).map((id, i) => {
        const full = productOf(id, items.get(id)!, o, start + i) as Record<string, unknown>;
        return Object.fromEntries(Object.entries(full).filter(([k]) => k === 'id' || asked.includes(k)));
      });
      const cursor = (at: number) => Buffer.from(`cursor:${at}:${issued.size}`).toString('base64url');
      const before = cursor(start);
      const next = cursor(start + page.length);
      issued.set(before, start);
      issued.set(next, start + page.length);
      const more = start + size < ids.length;
      const base = `https://graph.facebook.com${req.url.pathname}?fields=${asked.join(',')}&limit=${size}`;
      return { status: 200, body: { data: page, paging: { cursors: { before, after: next }, ...(more ? { next: `${base}&after=${next}` } : {}) } } };
    },
  };
}
