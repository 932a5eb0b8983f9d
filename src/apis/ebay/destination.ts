import { readFile } from 'node:fs/promises';
import { error } from '../../issues/issue.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from '../../transports/types.js';
import { createUrlPolicy } from '../../http/url-policy.js';
import { createHttpClient, realSleep, refreshTokenProvider, type Sleep } from '../http/index.js';
import { ebayDestinationSchema, EBAY_ORIGINS, type EbayDestinationConfig } from './destination-schema.js';
import { inventoryApi } from './inventory-api.js';
import { contentLanguage, EBAY_DOCUMENT_FORMAT } from './listing-options.js';
import { createOffers, findOffers, publishOffers, replaceInventoryItems, updateExistingOffers, updatePriceQuantity, type PushItem, type StepContext } from './push-steps.js';

/** Injected for tests: time never really passes. Defaults: real timers, Math.random, ctx.now. */
export interface EbayDestinationDeps {
  sleep?: Sleep;
  random?: () => number;
  now?: () => Date;
}

interface EbayDocument {
  format: string;
  marketplaceId: string;
  locale: string;
  items: PushItem[];
}

/**
 * Pushes the ebay-inventory document: inventory items (create or replace), then offers (updated
 * in place when the SKU has one, created otherwise), then publishing, each in bulk calls of 25; or,
 * for price/quantity documents, bulkUpdatePriceQuantity. A SKU that fails a step is reported with
 * eBay's error id and skips the later steps; the others count as pushed.
 */
export function createDestination(config: EbayDestinationConfig, feedId: string, deps: EbayDestinationDeps = {}): Destination {
  const cfg = ebayDestinationSchema.parse(config);
  const origin = cfg.endpoint ?? EBAY_ORIGINS[cfg.environment];
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const result: PublishResult = { destination: `ebay:${new URL(origin).host}`, pushed: 0, failed: 0, issues: [] };
      const docs: Array<{ file: BuiltFile; doc: EbayDocument | undefined }> = [];
      for (const file of files) docs.push({ file, doc: parseDocument(await readFile(file.path, 'utf8')) });
      if (ctx.dryRun) {
        for (const { file, doc } of docs) ctx.log(`${feedId}: would send ${doc?.items.length ?? 0} SKUs of ${file.name} to ${result.destination}`);
        return result;
      }
      const tokenUrl = cfg.token_endpoint ?? `${origin}/identity/v1/oauth2/token`;
      // The endpoints the config names may be internal (a sandbox proxy, a test server); nothing else.
      const urlPolicy = createUrlPolicy({ named: [origin, tokenUrl] });
      const httpOptions = { now: deps.now ?? ctx.now, sleep: deps.sleep ?? realSleep, random: deps.random, log: ctx.log, timeoutMs: cfg.timeout_seconds * 1000, urlPolicy };
      const token = refreshTokenProvider(
        {
          tokenUrl,
          clientIdEnv: cfg.client_id_env,
          clientSecretEnv: cfg.client_secret_env,
          refreshTokenEnv: cfg.refresh_token_env,
          clientAuth: 'basic',
          extra: { scope: cfg.scopes.join(' ') },
        },
        ctx.env,
        `feeds/${feedId}.yaml: destination`,
        httpOptions,
      );
      const http = createHttpClient({ ...httpOptions, token });
      for (const { file, doc } of docs) {
        if (!doc) {
          result.issues.push(error('ebay.push.unreadable', `${file.name} is not an ebay-inventory document; it was not sent.`, { feed: feedId, file: file.name, fix: 'Build the feed again with `shelfcast build`.' }));
          continue;
        }
        const step: StepContext = { api: inventoryApi(origin, http, contentLanguage(doc.locale)), marketplaceId: doc.marketplaceId, feed: feedId, file: file.name, issues: result.issues };
        const full = doc.items.filter((i) => i.inventoryItem && i.offer);
        const updates = doc.items.filter((i) => i.priceQuantity && !i.inventoryItem);
        if (full.length > 0) await pushFull(full, step, cfg.publish, ctx, feedId);
        if (updates.length > 0) await updatePriceQuantity(updates, step);
        const sent = [...full, ...updates];
        const failed = sent.filter((i) => i.failed).length;
        result.failed += failed;
        result.pushed += sent.length - failed;
        ctx.log(`${feedId}: ${file.name}: ${sent.length - failed} SKUs pushed, ${failed} failed`);
      }
      return result;
    },
  };
}

async function pushFull(items: PushItem[], step: StepContext, publish: boolean, ctx: PublishContext, feedId: string): Promise<void> {
  const live = () => items.filter((i) => !i.failed);
  await replaceInventoryItems(items, step);
  await findOffers(live(), step);
  await updateExistingOffers(live().filter((i) => i.offerId), step);
  await createOffers(live().filter((i) => !i.offerId), step);
  if (!publish) return;
  ctx.log(`${feedId}: publishing ${live().length} offers`);
  await publishOffers(live(), step);
}

function parseDocument(text: string): EbayDocument | undefined {
  try {
    const doc = JSON.parse(text) as EbayDocument;
    if (doc.format !== EBAY_DOCUMENT_FORMAT || !Array.isArray(doc.items)) return undefined;
    return doc;
  } catch {
    return undefined;
  }
}
