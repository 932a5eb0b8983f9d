import { ShelfcastError } from '../../issues/issue.js';
import { realSleep } from '../../http/backoff.js';
import { envSecret } from '../../http/env-secret.js';
import { isHttpError } from '../../http/errors.js';
import { staticTokenClient } from '../../http/static-token-client.js';
import { hashesFile, loadHashes } from '../../run/deltas.js';
import { readLatestBatches } from '../../verdicts/batch-handles.js';
import { catalogFieldOf } from '../../verdicts/catalog-field.js';
import type { FetchVerdicts } from '../../verdicts/fetcher.js';
import { hintFor } from '../../verdicts/hints.js';
import { statusFromIssues, type ChannelIssue, type ChannelSeverity, type ItemVerdict } from '../../verdicts/model.js';
import type { MetaDestinationConfig } from './destination-schema.js';
import { META_ERROR_ATTRIBUTE } from './error-attributes.js';
import { graphRequest } from './graph-throttle.js';
import { BATCH_RUNNING, type BatchStatusAnswer, type MetaBatchError } from './items-batch.js';

/** A ProductItem as `GET /{catalog}/products` returns the fields we ask for (ProductItem.json, ProductItemError.json). */
export interface ApiProductItem {
  id?: string;
  retailer_id?: string;
  review_status?: '' | 'approved' | 'outdated' | 'pending' | 'rejected';
  review_rejection_reasons?: string[];
  errors?: Array<{ error_type?: string; error_priority?: 'HIGH' | 'MEDIUM' | 'LOW'; title?: string; description?: string; call_to_action?: string }>;
}

const FIELDS = 'retailer_id,review_status,review_rejection_reasons,errors';
/** Items per page of /products (Graph pages by cursor; larger pages mean fewer calls against the catalog's limit). */
const PAGE_SIZE = 500;
/**
 * error_priority: HIGH errors are fatal (the item is not persisted or not shown); Meta calls MEDIUM
 * and LOW warnings. MEDIUM ones keep an item out of some placements (Shops, some ad formats), so
 * they limit it; LOW ones are advice.
 */
const PRIORITY: Record<string, ChannelSeverity> = { HIGH: 'disapproved', MEDIUM: 'demoted', LOW: 'warning' };
const TITLE = 'Meta';

const issue = (i: Omit<ChannelIssue, 'field' | 'hint'>): ChannelIssue => {
  const field = catalogFieldOf(i.attribute);
  return { ...i, field, hint: hintFor(TITLE, { field, message: i.message }) };
};

/**
 * The attribute a batch error message names, if any: Meta's messages carry no attribute field, so
 * `... without required field Availability` gives availability and otherwise the first word that
 * is an item attribute (`The title contains ...`); ids are left out (`(id=retailer-4)` is no field).
 */
export function attributeOfMessage(message: string): string | undefined {
  const named = /\b(?:required field|field|property:?|missing value for)\s+\[?([A-Za-z_]+)/i.exec(message)?.[1];
  if (named) return named.toLowerCase();
  return (message.match(/[A-Za-z_]+/g) ?? []).map((w) => w.toLowerCase()).find((w) => w !== 'id' && w !== 'retailer_id' && catalogFieldOf(w) !== undefined);
}

/**
 * One item's issues from a finished batch: its sample errors (the request was refused, nothing of
 * it saved) and warnings (saved, but Meta flags it, or left some values as they were). An item in
 * ids_of_invalid_requests without a sample error is refused all the same.
 */
export function batchIssues(status: NonNullable<BatchStatusAnswer['data']>[number], ids: readonly string[]): Map<string, ChannelIssue[]> {
  const out = new Map<string, ChannelIssue[]>();
  const add = (id: string | undefined, i: ChannelIssue) => {
    if (id !== undefined) out.set(id, [...(out.get(id) ?? []), i]);
  };
  const idOf = (e: MetaBatchError) => e.id ?? e.retailer_id ?? (typeof e.line === 'number' ? ids[e.line] : undefined);
  for (const e of status.errors ?? []) {
    const message = e.message ?? 'the request was refused';
    add(idOf(e), issue({ code: 'items_batch_error', severity: 'disapproved', message, attribute: attributeOfMessage(message), detail: 'Meta refused this update in check_batch_request_status; nothing of it was saved' }));
  }
  for (const e of status.warnings ?? []) {
    const message = e.message ?? 'warning';
    add(idOf(e), issue({ code: 'items_batch_warning', severity: 'warning', message, attribute: attributeOfMessage(message) }));
  }
  for (const id of status.ids_of_invalid_requests ?? []) {
    if (!out.get(id)?.some((i) => i.severity === 'disapproved')) add(id, issue({ code: 'items_batch_error', severity: 'disapproved', message: 'Meta listed the request among the invalid ones (no sample error given for it)' }));
  }
  return out;
}

/** The issues and review state of one catalog product: its item errors by priority and its policy review. */
export function productIssues(p: ApiProductItem): { issues: ChannelIssue[]; pending: boolean } {
  const issues = (p.errors ?? []).map((e) =>
    issue({ code: e.error_type ?? 'unknown', severity: PRIORITY[e.error_priority ?? ''] ?? 'warning', message: e.title ?? e.error_type ?? 'issue', attribute: META_ERROR_ATTRIBUTE[e.error_type ?? ''], detail: e.description, resolution: e.call_to_action }),
  );
  if (p.review_status === 'rejected') {
    const reasons = p.review_rejection_reasons ?? [];
    issues.push(issue({ code: 'review_rejected', severity: 'disapproved', message: reasons.length ? `rejected in Meta's policy review: ${reasons.join(', ')}` : "rejected in Meta's policy review", documentation: 'https://www.facebook.com/policies_center/commerce' }));
  }
  // Meta reviews an item once it is used (pixel event, ad recommendation); until then review_status is empty, which is no objection.
  return { issues, pending: p.review_status === 'pending' || p.review_status === 'outdated' };
}

/**
 * Meta's verdicts on a feed's items: the batch status of every items_batch handle of the last
 * push (errors and warnings per item, kept by the push in the state folder), and the review status
 * and item errors of the catalog's products (`GET /{catalog}/products`, page by page) for the
 * items the feed sent in earlier pushes. An item sent but not yet listed is pending.
 */
export const fetchVerdicts: FetchVerdicts = async (config: MetaDestinationConfig, ctx) => {
  const source = `meta://catalogs/${config.catalog_id}`;
  const where = `feeds/${ctx.feedId}: destination ${source}`;
  const token = envSecret(ctx.env, config.access_token_env, `${where}: access_token_env`);
  const sleep = ctx.sleep ?? realSleep;
  const { http } = staticTokenClient(token, config.endpoint, ctx, { sleep, random: ctx.random, now: ctx.now });
  const graph = (url: string) => graphRequest(http, { method: 'GET', url, idempotent: true }, { sleep, random: ctx.random, log: ctx.log, where });
  const root = `${config.endpoint.replace(/\/$/, '')}/${config.api_version}/${config.catalog_id}`;
  const failed = (what: string, err: unknown): never => {
    if (err instanceof ShelfcastError) throw err;
    throw new ShelfcastError(`${where}: reading ${what} failed${isHttpError(err) && err.status ? ` (${err.status})` : ''}: ${(err as Error).message}`, { exitCode: 1, cause: err });
  };

  // The feed's items on the channel: acknowledged by earlier pushes, plus those of the last push.
  const held = new Set((await loadHashes(hashesFile(ctx.stateDir, ctx.feedId, 'meta'))).keys());
  const fromBatches = new Map<string, ChannelIssue[]>();
  const running = new Set<string>();
  for (const batch of (await readLatestBatches(ctx.stateDir, ctx.feedId, 'meta'))?.batches ?? []) {
    if (batch.op !== 'upsert') continue;
    for (const id of batch.ids) held.add(id);
    let status;
    try {
      status = (await graph(`${root}/check_batch_request_status?handle=${encodeURIComponent(batch.handle)}&load_ids_of_invalid_requests=true`)).json<BatchStatusAnswer>().data?.[0];
    } catch (err) {
      failed(`the batch status of handle ${batch.handle}`, err);
    }
    if (!status || BATCH_RUNNING.has(status.status ?? '')) {
      for (const id of batch.ids) running.add(id);
      continue;
    }
    for (const [id, list] of batchIssues(status, batch.ids)) fromBatches.set(id, [...(fromBatches.get(id) ?? []), ...list]);
  }

  const listed = new Map<string, ApiProductItem>();
  let after = '';
  for (let page = 0; ; page++) {
    let body: { data?: ApiProductItem[]; paging?: { cursors?: { after?: string }; next?: string } };
    try {
      body = (await graph(`${root}/products?fields=${FIELDS}&limit=${PAGE_SIZE}${after ? `&after=${encodeURIComponent(after)}` : ''}`)).json();
    } catch (err) {
      failed('the catalog products', err);
    }
    for (const p of body!.data ?? []) if (p.retailer_id !== undefined && held.has(p.retailer_id)) listed.set(p.retailer_id, p);
    const next = body!.paging?.next ? body!.paging.cursors?.after : undefined;
    if (!next) break;
    if (next === after || page > 100_000) throw new ShelfcastError(`${where}: /products repeated the page cursor ${next}`, { exitCode: 1 });
    after = next;
  }

  const items: ItemVerdict[] = [];
  for (const id of [...held].sort()) {
    const p = listed.get(id);
    const own = p ? productIssues(p) : { issues: [], pending: true };
    const issues = [...(fromBatches.get(id) ?? []), ...own.issues];
    items.push({ id, status: statusFromIssues(issues, own.pending || running.has(id)), issues });
  }
  return { source, items };
};
