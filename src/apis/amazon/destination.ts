import { readFile } from 'node:fs/promises';
import { error, type Issue } from '../../issues/issue.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from '../../transports/types.js';
import { createUrlPolicy } from '../../http/url-policy.js';
import { createHttpClient, createTokenBucket, createWindowLimit, realSleep, refreshTokenProvider, type RateLimit, type Sleep } from '../http/index.js';
import { amazonDestinationSchema, LWA_TOKEN_URL, SP_API_ENDPOINTS, type AmazonDestinationConfig } from './destination-schema.js';
import { feedsApi } from './feeds-api.js';
import { readProcessingReport, type ProcessingReport } from './processing-report.js';
import { createFeedOnce, uploadDocument, waitForFeed, type SubmitDeps } from './submit-feed.js';

/** Injected for tests: time never really passes. Defaults: real timers, Math.random, ctx.now. */
export interface AmazonDestinationDeps {
  sleep?: Sleep;
  random?: () => number;
  now?: () => Date;
}

/** Rate limits outlive one publish call, so several feeds in one process share the quota. */
const limitsByAccount = new Map<string, RateLimit[]>();

/**
 * Pushes JSON_LISTINGS_FEED documents through the SP-API Feeds API: for each built document,
 * createFeedDocument, upload, createFeed, poll getFeed, then read the processing report. Messages
 * the report does not accept count as failed, with one issue per report line.
 */
export function createDestination(config: AmazonDestinationConfig, feedId: string, deps: AmazonDestinationDeps = {}): Destination {
  const cfg = amazonDestinationSchema.parse(config);
  const endpoint = cfg.endpoint ?? SP_API_ENDPOINTS[cfg.region];
  const shown = `amazon:${new URL(endpoint).host}/${cfg.marketplace_ids.join(',')}`;
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const result: PublishResult = { destination: shown, pushed: 0, failed: 0, issues: [] };
      const docs = await Promise.all(files.map(async (f) => ({ file: f, body: await readFile(f.path) })));
      if (ctx.dryRun) {
        for (const d of docs) ctx.log(`${feedId}: would send ${d.file.name} (${d.body.length} bytes) to ${shown}`);
        return result;
      }
      const now = deps.now ?? ctx.now;
      const sleep = deps.sleep ?? realSleep;
      const tokenUrl = cfg.token_endpoint ?? LWA_TOKEN_URL;
      // The endpoints the config names may be internal (a test server); nothing an API answers with may.
      const urlPolicy = createUrlPolicy({ named: [endpoint, tokenUrl] });
      const httpOptions = { now, sleep, random: deps.random, log: ctx.log, timeoutMs: cfg.timeout_seconds * 1000, urlPolicy };
      const where = `feeds/${feedId}.yaml: destination`;
      const token = refreshTokenProvider(
        { tokenUrl, clientIdEnv: cfg.client_id_env, clientSecretEnv: cfg.client_secret_env, refreshTokenEnv: cfg.refresh_token_env, clientAuth: 'form' },
        ctx.env,
        where,
        httpOptions,
      );
      const http = createHttpClient({ ...httpOptions, token, refreshOn: [401, 403], authHeaders: (t) => ({ 'x-amz-access-token': t }) });
      const key = `${endpoint}|${cfg.refresh_token_env}`;
      let limits = limitsByAccount.get(key);
      if (!limits) {
        // createFeed: rate 0.0083/s, burst 15; JSON_LISTINGS_FEED: 5 submissions per 5 minutes.
        limits = [createTokenBucket({ capacity: 15, refillPerSecond: 0.0083, now, sleep }), createWindowLimit({ max: 5, windowMs: 300_000, now, sleep })];
        limitsByAccount.set(key, limits);
      }
      const d: SubmitDeps = {
        api: feedsApi(endpoint, http),
        marketplaceIds: cfg.marketplace_ids,
        now,
        sleep,
        random: deps.random ?? Math.random,
        limits,
        known: new Set(),
        pollMs: cfg.poll_seconds * 1000,
        maxWaitMs: cfg.max_wait_seconds * 1000,
        log: (line) => ctx.log(`${feedId}: ${line}`),
        signal: ctx.signal,
      };
      for (const { file, body } of docs) {
        const skus = messageSkus(body);
        if (skus === undefined) {
          result.issues.push(error('amazon.push.unreadable', `${file.name} is not a listings feed document; it was not sent.`, { feed: feedId, file: file.name, fix: 'Build the feed again with `shelfcast build`.' }));
          continue;
        }
        if (skus.size === 0) continue; // Amazon refuses a document without messages; nothing to say.
        try {
          const outcome = await sendDocument(body, file, skus, d, feedId);
          result.pushed += outcome.accepted;
          result.failed += outcome.invalid;
          result.issues.push(...outcome.issues);
        } catch (e) {
          result.failed += skus.size;
          result.issues.push(error('amazon.push.failed', `${file.name}: ${(e as Error).message}; its ${skus.size} messages were not confirmed.`, { feed: feedId, file: file.name, fix: 'Run again later; listings already accepted are not sent twice by Amazon.' }));
        }
      }
      return result;
    },
  };
}

async function sendDocument(body: Buffer, file: BuiltFile, skus: Map<number, string>, d: SubmitDeps, feedId: string) {
  const contentType = file.contentType || 'application/json; charset=UTF-8';
  const documentId = await uploadDocument(body, contentType, d);
  const amazonFeedId = await createFeedOnce(documentId, d);
  d.log(`${file.name}: feed ${amazonFeedId} submitted (${skus.size} messages)`);
  const feed = await waitForFeed(amazonFeedId, d);
  const where = { feed: feedId, file: file.name };
  if (!feed) {
    return { accepted: 0, invalid: skus.size, issues: [error('amazon.feed.timeout', `Amazon had not finished feed ${amazonFeedId} after ${d.maxWaitMs / 1000} s; its result is unknown.`, { ...where, fix: 'Check the feed in Seller Central, or raise max_wait_seconds.' })] };
  }
  let report: ProcessingReport = {};
  if (feed.resultFeedDocumentId) report = JSON.parse((await d.api.download(feed.resultFeedDocumentId)).toString('utf8')) as ProcessingReport;
  const outcome = readProcessingReport(report, skus, where);
  if (feed.processingStatus !== 'DONE') {
    const issues: Issue[] = [error(`amazon.feed.${feed.processingStatus.toLowerCase()}`, `Amazon ended feed ${amazonFeedId} as ${feed.processingStatus}; none of its ${skus.size} messages count as sent.`, where), ...outcome.issues];
    return { accepted: 0, invalid: skus.size, issues };
  }
  return outcome;
}

/** messageId -> sku of a built document; undefined when it is not one. */
function messageSkus(body: Buffer): Map<number, string> | undefined {
  try {
    const doc = JSON.parse(body.toString('utf8')) as { messages?: Array<{ messageId: number; sku: string }> };
    if (!Array.isArray(doc.messages)) return undefined;
    return new Map(doc.messages.map((m) => [m.messageId, m.sku]));
  } catch {
    return undefined;
  }
}
