import path from 'node:path';
import { error, type Issue } from '../issues/issue.js';
import { realSleep, type Sleep } from '../http/backoff.js';
import { applyAcknowledged, computeDelta, hashesFile, itemHash, loadHashes, saveHashes } from '../run/deltas.js';
import { BatchJournal, type PlannedBatch } from '../run/journal.js';
import { feedStateDir } from '../run/state-paths.js';
import { readFeedItems, type FeedItem } from './read-feed-records.js';
import type { BuiltFile, PublishContext, PublishResult } from './types.js';

/** One item as the channel API takes it. */
export interface ApiItem {
  id: string;
  /** What is sent, and hashed: an unchanged body is not sent again. */
  body: unknown;
  /** The item's catalog row, for issues (not part of the hash). */
  row?: number;
}

/** The channel's verdict on one item of a batch. */
export interface ItemResult {
  id: string;
  ok: boolean;
  message?: string;
  /** The channel's own issues for this item (errors of a refusal, warnings of an acceptance); default one `item_rejected` error when not ok. */
  issues?: Issue[];
}

export interface SendResult {
  /** The channel's id of an accepted batch, to poll for per-item results (Meta, Pinterest). */
  handle?: string;
  /** Per-item results given at once (Merchant API). */
  results?: ItemResult[];
}

/** What a channel API contributes; the shared engine does deltas, batching, journal and results. */
export interface ChannelApi {
  /** Short key for state files and issue codes, e.g. `meta`. */
  key: string;
  /** Destination shown to people, without secrets. */
  shown: string;
  /** Items per call. */
  maxBatch: number;
  /** Bytes of item bodies (as JSON) per call; default no limit. */
  maxBatchBytes?: number;
  /** Reads the items of a built file; default readFeedItems (xml, csv, tsv, json, ndjson). */
  readItems?(file: BuiltFile): Promise<FeedItem[]>;
  /** The API item for a feed item, or an issue when the item cannot be sent. */
  toItem(item: FeedItem): ApiItem | Issue;
  /** Items derived from the whole feed (Amazon's variation parents), given every item; default none. */
  derive?(items: ApiItem[]): ApiItem[];
  /** False for partial documents (price and quantity only): items missing from them are not gone. Default true. */
  deletes?: boolean;
  /** Deletes that go before the updates (eBay: a gone item group ends its listing before its former variants are listed alone); default none. */
  deleteFirst?(id: string): boolean;
  /** Wait before the `n`-th poll (0-based) of a batch, in ms; default options.pollIntervalMs. */
  pollWaitMs?(n: number): number;
  send(op: PlannedBatch['op'], items: ApiItem[]): Promise<SendResult>;
  /** Per-item results of a sent batch; undefined while the channel is still processing it. */
  poll?(handle: string, op: PlannedBatch['op'], ids: string[]): Promise<ItemResult[] | undefined>;
}

export interface PushOptions {
  /** Send every item, not only the changed ones; default false. */
  full?: boolean;
  /** Wait between polls of a batch status, in ms; default 2,000. */
  pollIntervalMs?: number;
  /** Polls of one batch before its items count as failed; default 150 (5 minutes at the default interval). */
  maxPolls?: number;
  /** Injected wait; default a real timer. */
  sleep?: Sleep;
  /** An item already on the channel is updated again only after this long (ms); default 0 (no limit). `full` ignores it. */
  minUpdateIntervalMs?: number;
}

/** Test seams of a channel API destination: timing and randomness; defaults are the real ones. */
export interface ApiDeps extends PushOptions {
  random?: () => number;
  now?: () => Date;
  sleep?: Sleep;
}

const isIssue = (x: ApiItem | Issue): x is Issue => 'severity' in x && 'code' in x;

/** Batches of at most `size` items and `maxBytes` bytes (by `bytesOf`), in order; an item larger than `maxBytes` goes alone. */
function chunk<T>(list: T[], size: number, maxBytes = Infinity, bytesOf: (t: T) => number = () => 0): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of list) {
    const b = bytesOf(item);
    if (current.length >= size || (current.length > 0 && bytes + b > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += b;
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * Pushes a built feed through a channel API: only items changed since the last acknowledged push
 * (all with `full`), deletes for items gone from the feed, in batches journaled before and after
 * sending. A run killed midway resumes from the journal: acknowledged items are not sent again,
 * accepted batches are polled, not re-sent. An item the channel gives no result for counts as
 * failed and, its hash not being recorded, is sent again by the next run.
 */
export async function pushThroughApi(api: ChannelApi, files: BuiltFile[], ctx: PublishContext, options: PushOptions = {}): Promise<PublishResult> {
  const sleep = options.sleep ?? realSleep;
  const issues: Issue[] = [];
  const items = new Map<string, { item: ApiItem; hash: string }>();
  const unsendable = new Set<string>();
  for (const f of files) {
    for (const raw of await (api.readItems ? api.readItems(f) : readFeedItems(f.path, f.serializer))) {
      const mapped = api.toItem(raw);
      if (isIssue(mapped)) {
        issues.push({ ...mapped, feed: ctx.feedId });
        // Still in the feed, only not sendable as it is: what the channel holds of it stays.
        if (mapped.id) unsendable.add(mapped.id);
      }
      else items.set(mapped.id, { item: mapped, hash: itemHash(mapped.body) });
    }
  }
  for (const derived of api.derive?.([...items.values()].map((v) => v.item)) ?? []) items.set(derived.id, { item: derived, hash: itemHash(derived.body) });

  const hashPath = hashesFile(ctx.stateDir, ctx.feedId, api.key);
  const journal = await BatchJournal.open(path.join(feedStateDir(ctx.stateDir, ctx.feedId), `journal-${api.key}.ndjson`));
  const done = new Map<string, string>();
  const gone = new Set<string>();
  let pushed = 0;
  let failed = 0;
  const record = (batch: PlannedBatch, results: ItemResult[]) => {
    const byId = new Map(results.map((r) => [r.id, r]));
    const ok: string[] = [];
    const bad: Array<{ id: string; message: string }> = [];
    for (const it of batch.items) {
      const r = byId.get(it.id);
      if (r?.ok) ok.push(it.id);
      else bad.push({ id: it.id, message: r?.message ?? 'the channel returned no result for this item' });
      if (r?.issues) issues.push(...r.issues.map((i) => ({ ...i, feed: i.feed ?? ctx.feedId })));
    }
    const hashes = new Map(batch.items.map((i) => [i.id, i.hash ?? '']));
    for (const id of ok) {
      if (batch.op === 'delete') gone.add(id);
      else done.set(id, hashes.get(id) ?? '');
    }
    pushed += ok.length;
    failed += bad.length;
    for (const b of bad) {
      if (byId.get(b.id)?.issues?.some((i) => i.severity === 'error')) continue;
      const row = items.get(b.id)?.item.row;
      issues.push(error(`api.${api.key}.item_rejected`, `${batch.op === 'delete' ? 'delete' : 'update'} refused by ${api.shown}: ${b.message}`, { feed: ctx.feedId, id: b.id, ...(row ? { row } : {}) }));
    }
    return journal.acknowledged(batch.batch, ok, bad);
  };
  const waitFor = async (batch: PlannedBatch, handle: string): Promise<ItemResult[]> => {
    const ids = batch.items.map((i) => i.id);
    for (let n = 0; n < (options.maxPolls ?? 150); n++) {
      const r = await api.poll!(handle, batch.op, ids);
      if (r) return r;
      await sleep(api.pollWaitMs?.(n) ?? options.pollIntervalMs ?? 2_000, ctx.signal);
    }
    return [];
  };

  try {
    // What earlier, interrupted runs got acknowledged counts as on the channel already.
    const acked = journal.acknowledgedItems();
    let held = applyAcknowledged(await loadHashes(hashPath), acked.upserts, acked.deletes);
    if (!ctx.dryRun) {
      for (const p of journal.pending()) {
        // Accepted before the interruption: ask for its results instead of sending it again.
        if (p.handle && api.poll) await record(p, await waitFor(p, p.handle));
      }
      const resumed = journal.acknowledgedItems();
      held = applyAcknowledged(held, resumed.upserts, resumed.deletes);
    }
    const full = ctx.full ?? options.full ?? false;
    const delta = computeDelta(held, [...items.values()].map((v) => ({ id: v.item.id, hash: v.hash })), { full });
    delta.deleted = api.deletes === false ? [] : delta.deleted.filter((id) => !unsendable.has(id));
    // Channels that penalise frequent updates (Merchant API: at most twice a day per product):
    // a changed item sent recently waits; being unacknowledged, a later run sends it.
    const sentAtPath = hashesFile(ctx.stateDir, ctx.feedId, `${api.key}-sent-at`);
    const sentAt = await loadHashes(sentAtPath);
    const nowMs = ctx.now().getTime();
    const interval = options.minUpdateIntervalMs ?? 0;
    const deferred = full || interval <= 0 ? [] : delta.changed.filter((c) => held.has(c.id) && nowMs - Number(sentAt.get(c.id) ?? 0) < interval);
    if (deferred.length) {
      const wait = new Set(deferred.map((d) => d.id));
      delta.changed = delta.changed.filter((c) => !wait.has(c.id));
    }
    ctx.log(`${ctx.feedId}: ${api.shown}: ${delta.changed.length} to update, ${delta.deleted.length} to delete, ${delta.unchanged} unchanged${deferred.length ? `, ${deferred.length} changed but updated too recently (sent later)` : ''}`);
    if (ctx.dryRun) {
      // A dry run leaves an interrupted run's journal for the real run, and creates none.
      await (journal.entries.length ? journal.close() : journal.finish());
      return { destination: api.shown, pushed: 0, failed: 0, issues };
    }
    const stamp = ctx.now().toISOString().replace(/[-:.]/g, '');
    let n = 0;
    const bodyBytes = (c: { id: string }) => JSON.stringify(items.get(c.id)!.item.body).length;
    const deletes = (ids: string[]) => chunk(ids, api.maxBatch).map((c) => ({ batch: `${stamp}-${++n}`, op: 'delete' as const, items: c.map((id) => ({ id })) }));
    const first = api.deleteFirst ? delta.deleted.filter((id) => api.deleteFirst!(id)) : [];
    const plans: PlannedBatch[] = [
      ...deletes(first),
      ...chunk(delta.changed, api.maxBatch, api.maxBatchBytes, bodyBytes).map((c) => ({ batch: `${stamp}-${++n}`, op: 'upsert' as const, items: c })),
      ...deletes(first.length ? delta.deleted.filter((id) => !api.deleteFirst!(id)) : delta.deleted),
    ];
    for (const plan of plans) {
      ctx.signal?.throwIfAborted();
      await journal.planned(plan);
      const apiItems = plan.items.map((i) => (plan.op === 'upsert' ? items.get(i.id)!.item : { id: i.id, body: undefined }));
      let sent: SendResult;
      try {
        sent = await api.send(plan.op, apiItems);
      } catch (err) {
        // Retries are spent: these items stay unacknowledged and go again with the next run.
        await record(plan, plan.items.map((i) => ({ id: i.id, ok: false, message: (err as Error).message })));
        continue;
      }
      await journal.sent(plan.batch, sent.handle);
      await record(plan, sent.results ?? (sent.handle && api.poll ? await waitFor(plan, sent.handle) : []));
    }
    await saveHashes(hashPath, applyAcknowledged(held, done, gone));
    if (interval > 0) await saveHashes(sentAtPath, applyAcknowledged(sentAt, [...done.keys()].map((id) => [id, String(nowMs)]), gone));
    await journal.finish();
  } catch (err) {
    await journal.close().catch(() => undefined);
    throw err;
  }
  return { destination: api.shown, pushed, failed, issues };
}
