import { readFile } from 'node:fs/promises';
import { error, ShelfcastError, type Issue } from '../../issues/issue.js';
import { pushThroughApi, type ChannelApi, type ItemResult } from '../../transports/api-push.js';
import type { FeedItem } from '../../transports/read-feed-records.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from '../../transports/types.js';
import { realSleep, type Sleep } from '../../http/index.js';
import { ebayDestinationSchema, type EbayDestinationConfig } from './destination-schema.js';
import { ebayClient, ebayOrigin } from './ebay-client.js';
import { inventoryApi, type InventoryApi } from './inventory-api.js';
import { contentLanguage, EBAY_DOCUMENT_FORMAT } from './listing-options.js';
import { GROUP_PREFIX, inventoryItemGroups } from './item-groups.js';
import { saveFindings } from './push-findings.js';
import { BULK_LIMIT, isGroup, pushGroups, removeGroups, createOffers, findOffers, publishOffers, removeListings, replaceInventoryItems, updateExistingOffers, updatePriceQuantity, type PushItem, type StepContext } from './push-steps.js';

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
 * Pushes the ebay-inventory document with the shared push engine: each SKU is an item with a
 * content hash (a rerun sends only what changed), in batches of 25 (eBay's bulk limit). A batch
 * goes through inventory items (create or replace), offers (updated in place when the SKU has
 * one, created otherwise) and publishing; a SKU that fails a step is reported with eBay's error id
 * and skips the later steps. Variants of an item group are published together, as one listing,
 * with publishOfferByInventoryItemGroup (item-groups.ts). A SKU gone from the feed has its offer withdrawn and deleted and its
 * inventory item deleted (behind the publish guard, which runs first). Price/quantity documents
 * use bulkUpdatePriceQuantity, are kept apart and never delete.
 */
export function createDestination(config: EbayDestinationConfig, feedId: string, deps: EbayDestinationDeps = {}): Destination {
  const cfg = ebayDestinationSchema.parse(config);
  const origin = ebayOrigin(cfg);
  const shown = `ebay:${new URL(origin).host}`;
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const docs: Array<{ file: BuiltFile; doc: EbayDocument | undefined }> = [];
      for (const file of files) docs.push({ file, doc: parseDocument(await readFile(file.path, 'utf8')) });
      const unreadable = docs.filter((d) => !d.doc);
      if (unreadable.length) {
        const issues = unreadable.map((d) => error('ebay.push.unreadable', `${d.file.name} is not an ebay-inventory document; it was not sent.`, { feed: feedId, file: d.file.name, fix: 'Build the feed again with `shelfcast build`.' }));
        return { destination: shown, pushed: 0, failed: 0, issues };
      }
      const first = docs[0]?.doc;
      const partial = docs.some((d) => d.doc!.items.some((i) => i.priceQuantity && !i.inventoryItem));
      let client: InventoryApi | undefined;
      const inventory = (): InventoryApi => {
        if (client) return client;
        const http = ebayClient(cfg, ctx.env, `feeds/${feedId}.yaml: destination`, { now: deps.now ?? ctx.now, sleep: deps.sleep ?? realSleep, random: deps.random, log: ctx.log, timeoutMs: cfg.timeout_seconds * 1000 });
        client = inventoryApi(origin, http, contentLanguage(first?.locale ?? 'en_US'));
        return client;
      };
      const marketplaceId = first?.marketplaceId ?? 'EBAY_US';
      const api: ChannelApi = {
        key: partial ? 'ebay-price-quantity' : 'ebay',
        shown,
        maxBatch: BULK_LIMIT,
        deletes: !partial,
        readItems: async (file) => docs.find((d) => d.file.path === file.path)!.doc!.items as unknown as FeedItem[],
        derive: partial ? undefined : inventoryItemGroups,
        deleteFirst: (id) => id.startsWith(GROUP_PREFIX),
        toItem(raw) {
          const { sku, row, ...body } = raw as unknown as PushItem;
          return { id: sku, body, ...(row > 0 ? { row } : {}) };
        },
        async send(op, items) {
          const issues: Issue[] = [];
          const step: StepContext = { api: inventory(), marketplaceId, feed: feedId, file: '', issues, findings: new Map() };
          const push: PushItem[] = items.map((it) => ({ sku: it.id, row: it.row ?? 0, ...(it.body as object) }));
          if (op === 'delete') {
            await removeGroups(push.filter((p) => p.sku.startsWith(GROUP_PREFIX)), step);
            await removeListings(push.filter((p) => !p.sku.startsWith(GROUP_PREFIX)), step);
          } else if (partial) await updatePriceQuantity(push, step);
          else await pushFull(push, step, cfg.publish, ctx, feedId);
          const bySku = new Map<string, Issue[]>();
          for (const { file: _file, ...i } of issues) bySku.set(i.id ?? '', [...(bySku.get(i.id ?? '') ?? []), i]);
          // eBay's own words per SKU, for the channel verdicts (verdicts.ts reads them with the offers' state).
          if (op === 'delete') await saveFindings(ctx.stateDir, feedId, new Map(), push.map((p) => p.sku));
          else await saveFindings(ctx.stateDir, feedId, new Map(push.map((p) => [p.sku, step.findings.get(p.sku) ?? []])), []);
          const results: ItemResult[] = push.map((p) => ({ id: p.sku, ok: !p.failed, ...(p.failed ? { message: 'refused by eBay' } : {}), issues: bySku.get(p.sku) ?? [] }));
          return { results };
        },
      };
      if (!ctx.dryRun) inventory(); // a missing credential stops the push before any batch is planned
      try {
        return await pushThroughApi(api, files, ctx, { sleep: deps.sleep ?? realSleep });
      } catch (err) {
        if (err instanceof ShelfcastError) throw err;
        throw new ShelfcastError(`feeds/${feedId}: destination ${shown}: push failed: ${(err as Error).message}`, { exitCode: 1, cause: err });
      }
    },
  };
}

/** Items, then offers, then publishing: single offers one by one, variants' offers with their group (groups come after their variants). */
async function pushFull(all: PushItem[], step: StepContext, publish: boolean, ctx: PublishContext, feedId: string): Promise<void> {
  const items = all.filter((i) => !isGroup(i));
  const live = () => items.filter((i) => !i.failed);
  await replaceInventoryItems(items, step);
  await findOffers(live(), step);
  await updateExistingOffers(live().filter((i) => i.offerId), step);
  await createOffers(live().filter((i) => !i.offerId), step);
  if (publish) {
    const single = live().filter((i) => i.group === undefined);
    ctx.log(`${feedId}: publishing ${single.length} offers`);
    await publishOffers(single, step);
  }
  const groups = all.filter(isGroup);
  if (groups.length) {
    if (publish) ctx.log(`${feedId}: publishing ${groups.length} inventory item groups`);
    await pushGroups(groups, new Set(items.filter((i) => i.failed).map((i) => i.sku)), publish, step);
  }
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
