import { ShelfcastError } from '../../issues/issue.js';
import { realSleep, waitClock } from '../../http/backoff.js';
import { createHttpClient } from '../../http/client.js';
import { createUrlPolicy } from '../../http/url-policy.js';
import { envSecret } from '../../http/env-secret.js';
import { isHttpError } from '../../http/errors.js';
import { catalogFieldOf } from '../../verdicts/catalog-field.js';
import type { FetchVerdicts } from '../../verdicts/fetcher.js';
import { hintFor } from '../../verdicts/hints.js';
import type { ChannelIssue, ChannelSeverity, ItemVerdict } from '../../verdicts/model.js';
import { statusFromIssues } from '../../verdicts/model.js';
import type { GoogleMerchantDestinationConfig } from './destination-schema.js';
import { createPacer } from './pacer.js';
import { parseServiceAccountKey, serviceAccountToken } from './service-account.js';

/** ProductStatus.ItemLevelIssue and DestinationStatus as the Merchant API v1 returns them (JSON). */
interface ApiItemLevelIssue {
  code?: string;
  severity?: 'NOT_IMPACTED' | 'DEMOTED' | 'DISAPPROVED' | 'SEVERITY_UNSPECIFIED';
  resolution?: string;
  attribute?: string;
  reportingContext?: string;
  description?: string;
  detail?: string;
  documentation?: string;
  applicableCountries?: string[];
}
interface ApiDestinationStatus {
  reportingContext?: string;
  approvedCountries?: string[];
  pendingCountries?: string[];
  disapprovedCountries?: string[];
}
export interface ApiProduct {
  name?: string;
  offerId?: string;
  contentLanguage?: string;
  feedLabel?: string;
  dataSource?: string;
  productStatus?: { destinationStatuses?: ApiDestinationStatus[]; itemLevelIssues?: ApiItemLevelIssue[] };
}

const SEVERITY: Record<string, ChannelSeverity> = { DISAPPROVED: 'disapproved', DEMOTED: 'demoted', NOT_IMPACTED: 'warning' };
/** Products per page: the API's maximum (it coerces more to 1,000). */
const PAGE_SIZE = 1000;

/**
 * One processed product's verdict. Issues of the same code and attribute in several reporting
 * contexts are one issue with every context; an item is disapproved when a disapproving issue or a
 * destination says so, pending while countries are pending and none is approved.
 */
export function verdictOfProduct(p: ApiProduct): ItemVerdict {
  const issues = new Map<string, ChannelIssue>();
  for (const i of p.productStatus?.itemLevelIssues ?? []) {
    const severity = SEVERITY[i.severity ?? ''] ?? 'warning';
    const key = `${i.code}\u0000${i.attribute ?? ''}\u0000${severity}`;
    const known = issues.get(key);
    if (known) {
      if (i.reportingContext && !known.destinations!.includes(i.reportingContext)) known.destinations!.push(i.reportingContext);
      for (const c of i.applicableCountries ?? []) if (!known.countries!.includes(c)) known.countries!.push(c);
      continue;
    }
    const field = catalogFieldOf(i.attribute);
    const message = i.description ?? i.code ?? 'issue';
    issues.set(key, {
      code: i.code ?? 'unknown', severity, message, attribute: i.attribute || undefined, field, detail: i.detail, resolution: i.resolution, documentation: i.documentation,
      destinations: i.reportingContext ? [i.reportingContext] : [], countries: [...(i.applicableCountries ?? [])], hint: hintFor('Google', { field, message }),
    });
  }
  const list = [...issues.values()];
  const dest = p.productStatus?.destinationStatuses ?? [];
  const countries = (k: 'approvedCountries' | 'pendingCountries' | 'disapprovedCountries') => [...new Set(dest.flatMap((d) => d[k] ?? []))].sort();
  const approved = countries('approvedCountries');
  const pending = countries('pendingCountries');
  const disapproved = countries('disapprovedCountries');
  let status = statusFromIssues(list, pending.length > 0 && approved.length === 0);
  if (status !== 'disapproved' && disapproved.length) status = approved.length ? 'limited' : 'disapproved';
  return { id: p.offerId ?? p.name ?? '', status, issues: list, countries: { approved, pending, disapproved } };
}

/**
 * Reads `products.list` of the account page by page and keeps the products of the feed's data
 * source, language and feed label: the processed products with their `productStatus`.
 */
export const fetchVerdicts: FetchVerdicts = async (config: GoogleMerchantDestinationConfig, ctx) => {
  const source = `google-merchant://accounts/${config.account_id}/dataSources/${config.data_source_id}`;
  const where = `feeds/${ctx.feedId}: destination ${source}`;
  const key = parseServiceAccountKey(envSecret(ctx.env, config.service_account_key_env, `${where}: service_account_key_env`), where);
  const sleep = ctx.sleep ?? realSleep;
  // The API endpoint of the config and the token URI of the key may be internal (a test server), as for the push.
  const urlPolicy = createUrlPolicy({ named: [config.endpoint, key.token_uri] });
  const common = { random: ctx.random, now: ctx.now, sleep, secrets: [key.private_key], log: ctx.log, concurrencyPerHost: 4, urlPolicy };
  const http = createHttpClient(common);
  const authed = createHttpClient({ ...common, token: serviceAccountToken(key, http, ctx.now) });
  const pace = createPacer(config.requests_per_minute, waitClock(ctx.sleep, ctx.now), sleep);
  const root = config.endpoint.replace(/\/$/, '');
  const dataSource = `accounts/${config.account_id}/dataSources/${config.data_source_id}`;
  const items: ItemVerdict[] = [];
  let pageToken = '';
  for (let page = 0; ; page++) {
    await pace();
    const url = `${root}/products/v1/accounts/${config.account_id}/products?pageSize=${PAGE_SIZE}${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`;
    let body: { products?: ApiProduct[]; nextPageToken?: string };
    try {
      body = (await authed.request({ method: 'GET', url, idempotent: true })).json();
    } catch (err) {
      const status = isHttpError(err) ? ` (${err.status})` : '';
      throw new ShelfcastError(`${where}: reading product statuses failed${status}: ${(err as Error).message}`, { exitCode: 1, cause: err });
    }
    for (const p of body.products ?? []) {
      if (p.dataSource && p.dataSource !== dataSource) continue;
      if ((p.contentLanguage && p.contentLanguage !== config.content_language) || (p.feedLabel && p.feedLabel !== config.feed_label)) continue;
      items.push(verdictOfProduct(p));
    }
    if (!body.nextPageToken) break;
    if (body.nextPageToken === pageToken || page > 100_000) throw new ShelfcastError(`${where}: products.list repeated page token ${body.nextPageToken}`, { exitCode: 1 });
    pageToken = body.nextPageToken;
  }
  return { source, items };
};
