import { ShelfcastError } from '../../issues/issue.js';
import { realSleep } from '../../http/index.js';
import { isHttpError } from '../../http/errors.js';
import { hashesFile, loadHashes } from '../../run/deltas.js';
import type { FetchVerdicts } from '../../verdicts/fetcher.js';
import type { ChannelIssue, ItemVerdict } from '../../verdicts/model.js';
import { statusFromIssues } from '../../verdicts/model.js';
import { ebayDestinationSchema, type EbayDestinationConfig } from './destination-schema.js';
import { ebayClient, ebayOrigin } from './ebay-client.js';
import { contentLanguage } from './listing-options.js';
import { inventoryApi, type ExistingOffer } from './inventory-api.js';
import { GROUP_PREFIX } from './item-groups.js';
import { readFindings } from './push-findings.js';

/** getOffers calls in flight (the Inventory API's quota is per day, not per second). */
const PARALLEL = 4;

/** What eBay's listing state says beyond the push's errors, as issues with eBay's own enum values as codes. */
function listingIssues(offer: ExistingOffer | undefined): ChannelIssue[] {
  const l = offer?.status === 'PUBLISHED' ? offer.listing : undefined;
  if (!l) return [];
  const out: ChannelIssue[] = [];
  if (l.listingOnHold) out.push({ code: 'listingOnHold', severity: 'disapproved', message: 'eBay put the listing on hold for a policy violation: hidden from search, purchases blocked until it is fixed', resolution: 'merchant_action' });
  const status = l.listingStatus;
  if (status === 'EBAY_ENDED') out.push({ code: 'EBAY_ENDED', severity: 'disapproved', message: 'eBay customer service ended the listing' });
  else if (status === 'OUT_OF_STOCK') out.push({ code: 'OUT_OF_STOCK', severity: 'demoted', message: 'The listing is out of stock: kept alive but hidden from search', attribute: 'shipToLocationAvailability', field: 'quantity' });
  else if (status === 'INACTIVE' || status === 'ENDED') out.push({ code: status, severity: 'demoted', message: `The listing is ${status.toLowerCase()}: not shown to buyers` });
  return out;
}

/**
 * One SKU's verdict: eBay's errors and warnings at the last push that sent it, and its offer's
 * listing now. Refused at a step, on hold or ended by eBay is disapproved; out of stock, inactive or
 * ended limits; no offer yet, not published or not listed yet is pending.
 */
export function verdictOfSku(sku: string, pushed: readonly ChannelIssue[], offer: ExistingOffer | undefined): ItemVerdict {
  const issues = [...pushed, ...listingIssues(offer)];
  const live = offer?.status === 'PUBLISHED' && offer.listing?.listingStatus !== 'NOT_LISTED';
  return { id: sku, status: statusFromIssues(issues, !live), issues };
}

/**
 * The errors and warnings eBay gave each SKU at the feed's pushes (kept by the push: the bulk calls
 * answer them only once), with each offer's state read back with getOffers: status, listingStatus,
 * listingOnHold. The SKUs are those the pushes left on eBay and those eBay refused.
 */
export const fetchVerdicts: FetchVerdicts = async (config: EbayDestinationConfig, ctx) => {
  const cfg = ebayDestinationSchema.parse(config);
  const origin = ebayOrigin(cfg);
  const source = `ebay:${new URL(origin).host}`;
  const where = `feeds/${ctx.feedId}.yaml: destination`;
  const marketplaceId = typeof ctx.options?.marketplaceId === 'string' ? ctx.options.marketplaceId : 'EBAY_US';
  const locale = typeof ctx.options?.locale === 'string' ? ctx.options.locale : 'en_US';
  const http = ebayClient(cfg, ctx.env, where, { now: ctx.now, sleep: ctx.sleep ?? realSleep, random: ctx.random, log: ctx.log, timeoutMs: cfg.timeout_seconds * 1000 });
  const api = inventoryApi(origin, http, contentLanguage(locale));
  const findings = await readFindings(ctx.stateDir, ctx.feedId);
  const held = await loadHashes(hashesFile(ctx.stateDir, ctx.feedId, 'ebay'));
  const skus = [...new Set([...held.keys(), ...Object.keys(findings)])].filter((s) => !s.startsWith(GROUP_PREFIX)).sort();
  const items: ItemVerdict[] = new Array(skus.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < skus.length; i = next++) {
      const sku = skus[i]!;
      let offer: ExistingOffer | undefined;
      try {
        offer = (await api.getOffers(sku, marketplaceId)).find((o) => o.marketplaceId === marketplaceId);
      } catch (err) {
        const status = isHttpError(err) ? ` (${err.status ?? err.code})` : '';
        throw new ShelfcastError(`${where} ${source}: reading the offer of ${sku} failed${status}: ${(err as Error).message}`, { exitCode: 1, cause: err });
      }
      items[i] = verdictOfSku(sku, findings[sku] ?? [], offer);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, skus.length) }, worker));
  return { source, items };
};
