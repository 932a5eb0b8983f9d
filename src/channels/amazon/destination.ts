import { readFile } from 'node:fs/promises';
import { error, ShelfcastError, type Issue } from '../../issues/issue.js';
import { pushThroughApi, type ChannelApi, type ItemResult } from '../../transports/api-push.js';
import type { FeedItem } from '../../transports/read-feed-records.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from '../../transports/types.js';
import { createTokenBucket, createWindowLimit, realSleep, waitClock, type RateLimit, type Sleep } from '../../http/index.js';
import { amazonDestinationSchema, type AmazonDestinationConfig } from './destination-schema.js';
import { feedsApi } from './feeds-api.js';
import { rowOfMessage } from './message-ids.js';
import { spApiClient, spApiEndpoint, spApiHttpOptions } from './sp-api-client.js';
import { readProcessingReport, type ProcessingReport } from './processing-report.js';
import { createFeedOnce, uploadDocument, type SubmitDeps } from './submit-feed.js';
import { variationFamilies } from './variation-families.js';

/** Injected for tests: time never really passes. Defaults: real timers, Math.random, ctx.now. */
export interface AmazonDestinationDeps {
  sleep?: Sleep;
  random?: () => number;
  now?: () => Date;
}

/** Rate limits outlive one publish call, so several feeds in one process share the quota. */
const limitsByAccount = new Map<string, RateLimit[]>();
/** Feed ids this process created per account: a lookup after a lost createFeed answer never adopts one of them. */
const knownByAccount = new Map<string, Set<string>>();

/** Bytes of messages per submitted document (Amazon: keep files under 10 MiB). */
const MAX_BYTES = 9 * 1024 * 1024;
const MAX_POLL_MS = 300_000;

interface ListingsDocument {
  header?: { sellerId?: string; version?: string; issueLocale?: string };
  messages?: Array<{ messageId: number; sku: string; operationType: string; [k: string]: unknown }>;
}

/**
 * Pushes listings through the SP-API Feeds API with the shared push engine: the messages of the
 * built documents are items (by SKU) with content hashes, so a rerun submits only what changed;
 * a SKU gone from the feed gets a DELETE message (behind the publish guard, which runs first).
 * Each batch is one JSON_LISTINGS_FEED document: createFeedDocument, upload, createFeed (looked up
 * before it is ever sent twice), then getFeed polled and the processing report read, message by
 * message. Variants become families: one parent message per item group, children with the
 * group's variation_theme. Price/quantity documents (PATCH messages) are kept apart and never delete.
 */
export function createDestination(config: AmazonDestinationConfig, feedId: string, deps: AmazonDestinationDeps = {}): Destination {
  const cfg = amazonDestinationSchema.parse(config);
  const endpoint = spApiEndpoint(cfg);
  const shown = `amazon:${new URL(endpoint).host}/${cfg.marketplace_ids.join(',')}`;
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const now = deps.now ?? ctx.now;
      const sleep = deps.sleep ?? realSleep;
      const docs = await Promise.all(files.map(async (f) => ({ file: f, doc: parseDocument(await readFile(f.path, 'utf8')) })));
      const unreadable = docs.filter((d) => !d.doc);
      if (unreadable.length) {
        const issues = unreadable.map((d) => error('amazon.push.unreadable', `${d.file.name} is not a listings feed document; it was not sent.`, { feed: feedId, file: d.file.name, fix: 'Build the feed again with `shelfcast build`.' }));
        return { destination: shown, pushed: 0, failed: 0, issues };
      }
      const header = docs[0]?.doc?.header ?? {};
      const partial = docs.some((d) => d.doc!.messages!.some((m) => m.operationType === 'PATCH'));
      const where = `feeds/${feedId}.yaml: destination`;
      const httpOptions = spApiHttpOptions(cfg, { now, sleep, random: deps.random, log: ctx.log, timeoutMs: cfg.timeout_seconds * 1000 });
      let submit: SubmitDeps | undefined;
      /** The HTTP client and quotas (a dry run needs no credentials). */
      const submitDeps = (): SubmitDeps => {
        if (submit) return submit;
        const http = spApiClient(cfg, ctx.env, where, httpOptions);
        const key = `${endpoint}|${cfg.refresh_token_env}`;
        let limits = limitsByAccount.get(key);
        if (!limits) {
          // createFeed: rate 0.0083/s, burst 15; JSON_LISTINGS_FEED: 5 submissions per 5 minutes.
          const clock = waitClock(deps.sleep, now);
          limits = [createTokenBucket({ capacity: 15, refillPerSecond: 0.0083, now: clock, sleep }), createWindowLimit({ max: 5, windowMs: 300_000, now: clock, sleep })];
          limitsByAccount.set(key, limits);
        }
        let known = knownByAccount.get(key);
        if (!known) knownByAccount.set(key, (known = new Set()));
        submit = {
          api: feedsApi(endpoint, http), marketplaceIds: cfg.marketplace_ids, now, sleep, random: deps.random ?? Math.random, limits, known,
          log: (line) => ctx.log(`${feedId}: ${line}`), signal: ctx.signal,
        };
        return submit;
      };
      const rows = new Map<string, number>();
      const pollWaitMs = (n: number) => Math.min(cfg.poll_seconds * 1000 * 2 ** n, MAX_POLL_MS);
      const api: ChannelApi = {
        key: partial ? 'amazon-patch' : 'amazon',
        shown,
        maxBatch: cfg.batch_size,
        maxBatchBytes: MAX_BYTES,
        deletes: !partial,
        pollWaitMs,
        readItems: async (file) => docs.find((d) => d.file.path === file.path)!.doc!.messages as unknown as FeedItem[],
        toItem(raw) {
          const { messageId, ...body } = raw as unknown as { messageId: number; sku: string };
          const row = rowOfMessage(messageId);
          if (row !== undefined) rows.set(body.sku, row);
          return { id: body.sku, body, ...(row !== undefined ? { row } : {}) };
        },
        async send(op, items) {
          const messages = items.map((it, i) => (op === 'delete' ? { messageId: i + 1, sku: it.id, operationType: 'DELETE' } : { messageId: i + 1, ...(it.body as object) }));
          const body = Buffer.from(JSON.stringify({ header: { sellerId: header.sellerId, version: '2.0', issueLocale: header.issueLocale ?? 'en_US' }, messages }));
          const d = submitDeps();
          const documentId = await uploadDocument(body, 'application/json; charset=UTF-8', d);
          const amazonFeedId = await createFeedOnce(documentId, d);
          d.log(`feed ${amazonFeedId} submitted (${messages.length} ${op === 'delete' ? 'DELETE ' : ''}messages)`);
          return { handle: amazonFeedId };
        },
        poll: (handle, _op, ids) => feedResults(handle, ids, submitDeps(), feedId, rows),
        // Variation themes and parents need the whole group, which only the push sees at once.
        derive: partial ? undefined : variationFamilies,
      };
      // A missing credential stops the push here, before any batch is planned.
      if (!ctx.dryRun) submitDeps();
      // Polls until max_wait_seconds: the doubling waits summed.
      let maxPolls = 1;
      for (let waited = 0; waited < cfg.max_wait_seconds * 1000; maxPolls++) waited += pollWaitMs(maxPolls - 1);
      try {
        return await pushThroughApi(api, files, ctx, { sleep, maxPolls });
      } catch (err) {
        if (err instanceof ShelfcastError) throw err;
        throw new ShelfcastError(`feeds/${feedId}: destination ${shown}: push failed: ${(err as Error).message}`, { exitCode: 1, cause: err });
      }
    },
  };
}

/** One submitted feed's verdict per message: undefined while Amazon is processing it. */
async function feedResults(amazonFeedId: string, ids: string[], d: SubmitDeps, feedId: string, rows: Map<string, number>): Promise<ItemResult[] | undefined> {
  const feed = await d.api.getFeed(amazonFeedId);
  if (feed.processingStatus === 'IN_QUEUE' || feed.processingStatus === 'IN_PROGRESS') {
    d.log(`feed ${amazonFeedId}: ${feed.processingStatus}`);
    return undefined;
  }
  let report: ProcessingReport = {};
  if (feed.resultFeedDocumentId) report = JSON.parse((await d.api.download(feed.resultFeedDocumentId)).toString('utf8')) as ProcessingReport;
  const skus = new Map(ids.map((id, i) => [i + 1, id]));
  const outcome = readProcessingReport(report, skus, { feed: feedId, file: '' });
  const byId = new Map<string, Issue[]>();
  const general: Issue[] = [];
  for (const { file: _file, row: _row, ...issue } of outcome.issues) {
    // The report's message ids are places in the submitted document; the catalog row is the item's.
    const row = issue.id !== undefined ? rows.get(issue.id) : undefined;
    if (issue.id === undefined) general.push(issue);
    else byId.set(issue.id, [...(byId.get(issue.id) ?? []), { ...issue, ...(row !== undefined ? { row } : {}) }]);
  }
  if (feed.processingStatus !== 'DONE') {
    const code = `amazon.feed.${feed.processingStatus.toLowerCase()}`;
    return ids.map((id, i) => ({
      id, ok: false, message: `Amazon ended feed ${amazonFeedId} as ${feed.processingStatus}`,
      issues: [...(i === 0 ? general : []), ...(byId.get(id) ?? []), error(code, `Amazon ended feed ${amazonFeedId} as ${feed.processingStatus}; the message does not count as sent.`, { feed: feedId, id, ...(rows.has(id) ? { row: rows.get(id) } : {}) })],
    }));
  }
  return ids.map((id, i) => {
    const own = [...(i === 0 ? general : []), ...(byId.get(id) ?? [])];
    const refused = own.some((x) => x.severity === 'error' && x.id === id);
    return { id, ok: !refused, ...(refused ? { message: 'refused in the processing report' } : {}), issues: own };
  });
}

function parseDocument(text: string): ListingsDocument | undefined {
  try {
    const doc = JSON.parse(text) as ListingsDocument;
    return Array.isArray(doc.messages) ? doc : undefined;
  } catch {
    return undefined;
  }
}

