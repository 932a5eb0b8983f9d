import { error, warning, type Issue } from '../../issues/issue.js';
import { isHttpError } from '../../http/index.js';
import { succeeded, type BulkEntry, type InventoryApi } from './inventory-api.js';
import { GROUP_PREFIX } from './item-groups.js';
import { findingsOf } from './push-findings.js';
import type { ChannelIssue } from '../../verdicts/model.js';

/** eBay takes at most 25 entries per bulk call. */
export const BULK_LIMIT = 25;
const CREATE_ATTEMPTS = 5;

/** One SKU of the built document, and how far it got. */
export interface PushItem {
  sku: string;
  row: number;
  inventoryItem?: Record<string, unknown>;
  offer?: Record<string, unknown>;
  priceQuantity?: Record<string, unknown>;
  /** item_group_id of a variant in an inventory item group: its offer is published with the group. */
  group?: string;
  /** Of a group item (see item-groups.ts): the group's key and its InventoryItemGroup. */
  groupKey?: string;
  inventoryItemGroup?: Record<string, unknown>;
  offerId?: string;
  /** The offer found on eBay is live. */
  published?: boolean;
  failed?: boolean;
}

export interface StepContext {
  api: InventoryApi;
  marketplaceId: string;
  feed: string;
  file: string;
  issues: Issue[];
  /** eBay's own errors and warnings per SKU, for the verdicts (push-findings.ts). */
  findings: Map<string, ChannelIssue[]>;
}

const noteFindings = (ctx: StepContext, sku: string, found: ChannelIssue[]): void => {
  if (found.length) ctx.findings.set(sku, [...(ctx.findings.get(sku) ?? []), ...found]);
};

export const chunks = <T>(list: T[], size = BULK_LIMIT): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** Marks the item failed with one issue per eBay error: code `ebay.<step>.<errorId>`, the SKU and its catalog row. */
export function fail(item: PushItem, step: string, entry: BulkEntry | undefined, ctx: StepContext, fallback?: string): void {
  item.failed = true;
  noteFindings(ctx, item.sku, findingsOf(step, entry?.errors, 'error'));
  const errors = entry?.errors?.length ? entry.errors : [{ errorId: undefined, message: fallback ?? `no result for this SKU (HTTP ${entry?.statusCode ?? '?'})` }];
  for (const e of errors) {
    ctx.issues.push(
      error(`ebay.${step}.${e.errorId ?? 'failed'}`, `eBay ${step.replace('_', ' ')}${e.errorId ? ` error ${e.errorId}` : ''}: ${e.longMessage ?? e.message ?? 'no message'}`, {
        feed: ctx.feed,
        file: ctx.file,
        id: item.sku,
        ...(item.row > 0 ? { row: item.row } : {}),
      }),
    );
  }
}

/** Warnings eBay attached to a successful entry, as warning issues `ebay.<step>.<errorId>`. */
function noteWarnings(item: PushItem, step: string, entry: BulkEntry | undefined, ctx: StepContext): void {
  noteFindings(ctx, item.sku, findingsOf(step, entry?.warnings, 'warning'));
  for (const w of entry?.warnings ?? []) {
    ctx.issues.push(
      warning(`ebay.${step}.${w.errorId ?? 'warning'}`, `eBay ${step.replace('_', ' ')} warning${w.errorId ? ` ${w.errorId}` : ''}: ${w.longMessage ?? w.message ?? 'no message'}`, {
        feed: ctx.feed,
        file: ctx.file,
        id: item.sku,
        ...(item.row > 0 ? { row: item.row } : {}),
      }),
    );
  }
}

/** Outcome of one entry: failed with its errors, or kept with its warnings. */
function settle(item: PushItem, step: string, entry: BulkEntry | undefined, ctx: StepContext, ok = entry !== undefined && succeeded(entry)): void {
  if (ok) noteWarnings(item, step, entry, ctx);
  else fail(item, step, entry, ctx);
}

/** Runs a bulk call; a refused or failed call fails every item of the chunk with the call's error. */
async function guarded(items: PushItem[], step: string, ctx: StepContext, call: () => Promise<BulkEntry[]>): Promise<BulkEntry[] | undefined> {
  try {
    return await call();
  } catch (e) {
    const message = isHttpError(e) ? e.message : String(e);
    for (const item of items) fail(item, step, undefined, ctx, message);
    return undefined;
  }
}

export async function replaceInventoryItems(items: PushItem[], ctx: StepContext): Promise<void> {
  for (const chunk of chunks(items)) {
    const res = await guarded(chunk, 'inventory_item', ctx, () => ctx.api.bulkCreateOrReplaceInventoryItem(chunk.map((i) => i.inventoryItem)));
    if (!res) continue;
    const bySku = new Map(res.map((r) => [r.sku, r]));
    for (const item of chunk) settle(item, 'inventory_item', bySku.get(item.sku), ctx);
  }
}

/** Finds each item's existing offer on the marketplace (offerId set), in parallel per chunk. */
export async function findOffers(items: PushItem[], ctx: StepContext): Promise<void> {
  for (const chunk of chunks(items)) {
    await Promise.all(
      chunk.map(async (item) => {
        try {
          const found = (await ctx.api.getOffers(item.sku, ctx.marketplaceId)).find((o) => o.marketplaceId === ctx.marketplaceId);
          if (found) {
            item.offerId = found.offerId;
            item.published = found.status === 'PUBLISHED';
          }
        } catch (e) {
          fail(item, 'offer', undefined, ctx, isHttpError(e) ? e.message : String(e));
        }
      }),
    );
  }
}

/** Offers the SKU already has are replaced in place (updateOffer): a push never makes a second offer. */
export async function updateExistingOffers(items: PushItem[], ctx: StepContext): Promise<void> {
  for (const chunk of chunks(items)) {
    await Promise.all(
      chunk.map(async (item) => {
        const { sku: _sku, marketplaceId: _mp, format: _format, ...body } = item.offer ?? {};
        try {
          await ctx.api.updateOffer(item.offerId!, body);
        } catch (e) {
          fail(item, 'offer', undefined, ctx, isHttpError(e) ? e.message : String(e));
        }
      }),
    );
  }
}

/**
 * bulkCreateOffer is not safe to repeat: after an unclear failure the SKUs are looked up, those that
 * got an offer keep it, and only the others are sent again.
 */
export async function createOffers(items: PushItem[], ctx: StepContext): Promise<void> {
  for (const chunk of chunks(items)) {
    let pending = chunk;
    for (let attempt = 1; pending.length > 0; attempt++) {
      let res: BulkEntry[];
      try {
        res = await ctx.api.bulkCreateOffer(pending.map((i) => i.offer));
      } catch (e) {
        const unclear = isHttpError(e) && e.outcome === 'unknown';
        if (!unclear || attempt >= CREATE_ATTEMPTS) {
          for (const item of pending) fail(item, 'offer', undefined, ctx, isHttpError(e) ? e.message : String(e));
          break;
        }
        await findOffers(pending, ctx);
        pending = pending.filter((i) => !i.failed && i.offerId === undefined);
        continue;
      }
      const bySku = new Map(res.map((r) => [r.sku, r]));
      for (const item of pending) {
        const r = bySku.get(item.sku);
        if (r && succeeded(r) && r.offerId) item.offerId = r.offerId;
        settle(item, 'offer', r, ctx, item.offerId !== undefined);
      }
      break;
    }
  }
}

export async function publishOffers(items: PushItem[], ctx: StepContext): Promise<void> {
  for (const chunk of chunks(items)) {
    const res = await guarded(chunk, 'publish', ctx, () => ctx.api.bulkPublishOffer(chunk.map((i) => i.offerId!)));
    if (!res) continue;
    const byOffer = new Map(res.map((r) => [r.offerId, r]));
    for (const item of chunk) settle(item, 'publish', byOffer.get(item.offerId), ctx);
  }
}

/** bulkUpdatePriceQuantity with the offer ids found on eBay; a SKU without an offer fails. */
export async function updatePriceQuantity(items: PushItem[], ctx: StepContext): Promise<void> {
  await findOffers(items, ctx);
  for (const item of items) if (!item.failed && !item.offerId) fail(item, 'price_quantity', undefined, ctx, 'the SKU has no offer on this marketplace yet; push the full feed first');
  const ready = items.filter((i) => !i.failed);
  for (const chunk of chunks(ready)) {
    const requests = chunk.map((i) => {
      const pq = i.priceQuantity!;
      const offers = (pq.offers as Array<Record<string, unknown>> | undefined) ?? [{}];
      return { ...pq, offers: offers.map((o) => ({ ...o, offerId: i.offerId })) };
    });
    const res = await guarded(chunk, 'price_quantity', ctx, () => ctx.api.bulkUpdatePriceQuantity(requests));
    if (!res) continue;
    const bySku = new Map(res.map((r) => [r.sku, r]));
    for (const item of chunk) settle(item, 'price_quantity', bySku.get(item.sku), ctx);
  }
}

/**
 * Takes SKUs gone from the feed off eBay: the live offer withdrawn (its listing ended), the offer
 * deleted, then the inventory item deleted. Every step may be repeated; what is already gone counts
 * as done, so a retry or a resumed run never fails on its own earlier work.
 */
export async function removeListings(items: PushItem[], ctx: StepContext): Promise<void> {
  await findOffers(items, ctx);
  await Promise.all(
    items.filter((i) => !i.failed).map(async (item) => {
      try {
        if (item.offerId && item.published) await withdraw(item, ctx);
        if (item.offerId) await ctx.api.deleteOffer(item.offerId);
        await ctx.api.deleteInventoryItem(item.sku);
      } catch (e) {
        fail(item, 'delete', undefined, ctx, isHttpError(e) ? e.message : String(e));
      }
    }),
  );
}

/** withdrawOffer; refused after all when a lost answer hid that it had worked (the offer is no longer live). */
async function withdraw(item: PushItem, ctx: StepContext): Promise<void> {
  try {
    await ctx.api.withdrawOffer(item.offerId!);
  } catch (e) {
    const now = (await ctx.api.getOffers(item.sku, ctx.marketplaceId)).find((o) => o.offerId === item.offerId);
    if (now?.status === 'PUBLISHED') throw e;
  }
}

export const isGroup = (item: PushItem): boolean => item.groupKey !== undefined;

/** Puts each group, then (with publish) publishes its offers as one listing. A group whose variant failed in this batch is not published. */
export async function pushGroups(groups: PushItem[], failedSkus: ReadonlySet<string>, publish: boolean, ctx: StepContext): Promise<void> {
  for (const g of groups) {
    const body = g.inventoryItemGroup as { variantSKUs: string[] };
    const broken = body.variantSKUs.filter((s) => failedSkus.has(s));
    if (broken.length) {
      fail(g, 'item_group', undefined, ctx, `variant(s) ${broken.join(', ')} were refused, so the group was not published; fix them and push again`);
      continue;
    }
    try {
      await ctx.api.putInventoryItemGroup(g.groupKey!, g.inventoryItemGroup);
      if (publish) await ctx.api.publishOfferByInventoryItemGroup(g.groupKey!, ctx.marketplaceId);
    } catch (e) {
      fail(g, 'item_group', undefined, ctx, isHttpError(e) ? e.message : String(e));
    }
  }
}

/** Groups gone from the feed: the listing ended, then the group deleted (its items go with their own deletes). */
export async function removeGroups(groups: PushItem[], ctx: StepContext): Promise<void> {
  for (const g of groups) {
    const key = g.sku.slice(GROUP_PREFIX.length);
    try {
      await ctx.api.withdrawOfferByInventoryItemGroup(key, ctx.marketplaceId);
      await ctx.api.deleteInventoryItemGroup(key);
    } catch (e) {
      fail(g, 'delete', undefined, ctx, isHttpError(e) ? e.message : String(e));
    }
  }
}
