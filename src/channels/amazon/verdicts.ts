import { ShelfcastError } from '../../issues/issue.js';
import { createTokenBucket, realSleep, waitClock, type HttpClient } from '../../http/index.js';
import { isHttpError } from '../../http/errors.js';
import { hashesFile, loadHashes } from '../../run/deltas.js';
import { catalogFieldOf } from '../../verdicts/catalog-field.js';
import type { FetchVerdicts } from '../../verdicts/fetcher.js';
import { hintFor } from '../../verdicts/hints.js';
import type { ChannelIssue, ChannelSeverity, ItemVerdict } from '../../verdicts/model.js';
import { statusFromIssues } from '../../verdicts/model.js';
import { amazonDestinationSchema, type AmazonDestinationConfig } from './destination-schema.js';
import { spApiClient, spApiEndpoint, spApiHttpOptions } from './sp-api-client.js';

/** Issue, IssueEnforcements and ItemSummaryByMarketplace of the Listings Items API 2021-08-01. */
export interface ApiListingIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeNames?: string[];
  categories?: string[];
  enforcements?: { actions: Array<{ action: string }>; exemption: { status: 'EXEMPT' | 'EXEMPT_UNTIL_EXPIRY_DATE' | 'NOT_EXEMPT'; expiryDate?: string } };
  marketplaceIds?: string[];
}
export interface ApiListingsItem {
  sku: string;
  summaries?: Array<{ marketplaceId: string; asin?: string; status?: string[] }>;
  issues?: ApiListingIssue[];
}

/** getListingsItem's usage plan: 5 requests per second, burst 10. */
const RATE = { capacity: 10, refillPerSecond: 5 };
/** Enforcements that take away buyability (LISTING_SUPPRESSED, ATTRIBUTE_SUPPRESSED, CATALOG_ITEM_REMOVED) or only hide from search. */
const DISAPPROVING = new Set(['LISTING_SUPPRESSED', 'ATTRIBUTE_SUPPRESSED', 'CATALOG_ITEM_REMOVED']);
const DEMOTING = new Set(['SEARCH_SUPPRESSED']);

/**
 * The verdict's severity of one issue: an enforcement Amazon applies (exemption NOT_EXEMPT) that
 * takes away buyability disapproves and search suppression demotes; an exempt enforcement does
 * not apply yet. Without an applied enforcement an ERROR still keeps the submission from being
 * processed (disapproved); WARNING and INFO leave the listing as it is.
 */
function severityOf(i: ApiListingIssue): ChannelSeverity {
  const applied = i.enforcements && i.enforcements.exemption.status === 'NOT_EXEMPT' ? i.enforcements.actions.map((a) => a.action) : [];
  if (applied.some((a) => DISAPPROVING.has(a))) return 'disapproved';
  if (applied.some((a) => DEMOTING.has(a))) return 'demoted';
  return i.severity === 'ERROR' ? 'disapproved' : 'warning';
}

/** One listing's verdict: its issues; pending while Amazon has no summary of it in any marketplace. */
export function verdictOfListing(item: ApiListingsItem): ItemVerdict {
  const issues: ChannelIssue[] = (item.issues ?? []).map((i) => {
    const names = i.attributeNames ?? [];
    const field = names.map(catalogFieldOf).find((f) => f !== undefined);
    const enforcement = i.enforcements ? `${i.enforcements.actions.map((a) => a.action).join(', ')} (${i.enforcements.exemption.status}${i.enforcements.exemption.expiryDate ? ` until ${i.enforcements.exemption.expiryDate}` : ''})` : undefined;
    return {
      code: i.code, severity: severityOf(i), message: i.message, ...(names.length ? { attribute: names.join(', ') } : {}), field,
      ...(i.categories?.length ? { detail: i.categories.join(', ') } : {}), ...(enforcement ? { resolution: enforcement } : {}),
      destinations: [...(i.marketplaceIds ?? [])], hint: hintFor('Amazon', { field, message: i.message }),
    };
  });
  return { id: item.sku, status: statusFromIssues(issues, !item.summaries?.length), issues };
}

/** The SKUs Amazon holds from this feed's pushes: the listings push's and the price/quantity push's. */
async function pushedSkus(stateDir: string, feedId: string): Promise<string[]> {
  const skus = new Set<string>();
  for (const key of ['amazon', 'amazon-patch']) for (const sku of (await loadHashes(hashesFile(stateDir, feedId, key))).keys()) skus.add(sku);
  return [...skus].sort();
}

/** The listing (undefined while Amazon has not created it) and the rate Amazon says applies (`x-amzn-RateLimit-Limit`, requests per second). */
async function getListingsItem(http: HttpClient, url: string): Promise<{ item?: ApiListingsItem; rate?: number }> {
  try {
    const res = await http.request({ method: 'GET', url, idempotent: true });
    const header = res.headers['x-amzn-ratelimit-limit'];
    const rate = Number(Array.isArray(header) ? header[0] : header);
    return { item: res.json<ApiListingsItem>(), ...(rate > 0 ? { rate } : {}) };
  } catch (err) {
    // NOT_FOUND: Amazon accepted the message but has not created the listing yet.
    if (isHttpError(err) && err.status === 404) return {};
    throw err;
  }
}

/**
 * Reads getListingsItem (includedData=summaries,issues) for every SKU the feed's pushes left on
 * Amazon, paced to the operation's usage plan (slower when x-amzn-RateLimit-Limit says the account's
 * is lower); a 429 is retried by the HTTP client after its wait.
 */
export const fetchVerdicts: FetchVerdicts = async (config: AmazonDestinationConfig, ctx) => {
  const cfg = amazonDestinationSchema.parse(config);
  const endpoint = spApiEndpoint(cfg).replace(/\/$/, '');
  const source = `amazon:${new URL(endpoint).host}/${cfg.marketplace_ids.join(',')}`;
  const where = `feeds/${ctx.feedId}.yaml: destination ${source}`;
  const sellerId = ctx.options?.sellerId;
  if (typeof sellerId !== 'string' || !sellerId) {
    throw new ShelfcastError(`feeds/${ctx.feedId}.yaml: options.sellerId is missing: the Listings Items API is read per seller; give the merchant token (Seller Central > Account info)`, { exitCode: 2 });
  }
  const issueLocale = typeof ctx.options?.issueLocale === 'string' ? ctx.options.issueLocale : 'en_US';
  const sleep = ctx.sleep ?? realSleep;
  const http = spApiClient(cfg, ctx.env, where, spApiHttpOptions(cfg, { now: ctx.now, sleep, random: ctx.random, log: ctx.log, timeoutMs: cfg.timeout_seconds * 1000 }));
  const clock = waitClock(ctx.sleep, ctx.now);
  let rate = RATE.refillPerSecond;
  let bucket = createTokenBucket({ ...RATE, now: clock, sleep });
  const query = new URLSearchParams({ marketplaceIds: cfg.marketplace_ids.join(','), includedData: 'summaries,issues', issueLocale });
  const items: ItemVerdict[] = [];
  for (const sku of await pushedSkus(ctx.stateDir, ctx.feedId)) {
    await bucket.take();
    const url = `${endpoint}/listings/2021-08-01/items/${encodeURIComponent(sellerId)}/${encodeURIComponent(sku)}?${query}`;
    let item: ApiListingsItem | undefined;
    try {
      const got = await getListingsItem(http, url);
      item = got.item;
      // A selling account's usage plan may be below the default: pace to what Amazon says, without a burst.
      if (got.rate !== undefined && got.rate < rate) {
        rate = got.rate;
        bucket = createTokenBucket({ capacity: 1, refillPerSecond: rate, now: clock, sleep });
        ctx.log(`${ctx.feedId}: getListingsItem paced to ${rate} requests per second (x-amzn-RateLimit-Limit)`);
      }
    } catch (err) {
      const status = isHttpError(err) ? ` (${err.status ?? err.code})` : '';
      throw new ShelfcastError(`${where}: reading listing ${sku} failed${status}: ${(err as Error).message}`, { exitCode: 1, cause: err });
    }
    items.push(item ? verdictOfListing({ ...item, sku }) : { id: sku, status: 'pending', issues: [] });
  }
  return { source, items };
};
