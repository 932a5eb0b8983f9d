import { gzipSync } from 'node:zlib';
import { isRfc3339 } from './api-checks.js';
import { amazonValidators } from './amazon-specs.js';
import { listingsItemsRoute, type ListingsItemsDeps, type ListingsItemsOptions } from './sp-api-listings-items.js';
import { startMockServer, withHeldAnswer, type FaultOptions, type HoldAnswer, type MockReply, type MockRequest, type MockServer } from './mock-server.js';

/**
 * A loopback SP-API: Login with Amazon, the Feeds API 2021-06-30 and the pre-signed document URLs.
 * Every request is checked against Amazon's documents (Feeds API definitions, listings feed schema);
 * processing reports are built to Amazon's report schema. Feeds finish after `pollsToFinish` polls.
 * The Listings Items API's getListingsItem answers for the listings held (sp-api-listings-items.ts).
 */
export interface SpApiMockOptions extends ListingsItemsOptions {
  now: () => Date;
  credentials: { clientId: string; clientSecret: string; refreshToken: string };
  /** SKUs whose messages the mock rejects with an ERROR issue (code 90220). */
  rejectSkus?: Set<string>;
  /** getFeed calls before a feed is DONE; default 2. */
  pollsToFinish?: number;
  /** Serve result documents gzipped (compressionAlgorithm GZIP); default true. */
  gzipReports?: boolean;
  /** Final status for every feed; default DONE. */
  finalStatus?: 'DONE' | 'FATAL' | 'CANCELLED';
  faults?: FaultOptions;
  /** Called before each request with the route name (token, createFeedDocument, upload, createFeed, ...). */
  onRequest?: (route: string) => void;
  /** A request carried out whose answer never comes (a point to kill the client at). */
  hold?: HoldAnswer;
}

export interface SpApiMock {
  server: MockServer;
  url: string;
  /** Requests that broke Amazon's documents (must stay empty). */
  violations: string[];
  /** One entry per message Amazon processed, in order. */
  processed: Array<{ feedId: string; sku: string; messageId: number }>;
  /** SKUs of accepted DELETE messages, in order. */
  deleted: string[];
  /** The listings held: SKU -> its last accepted message. */
  listings: Map<string, Record<string, unknown>>;
  feeds: Map<string, MockFeed>;
  tokensIssued: number;
  /** Make the next access tokens expire (the next API call gets 403). */
  revokeTokens(): void;
  close(): Promise<void>;
}

interface MockDocument {
  id: string;
  contentType: string;
  createdAt: number;
  content?: Buffer;
  /** For result documents. */
  compressed?: boolean;
}

interface MockFeed {
  feedId: string;
  feedType: string;
  marketplaceIds: string[];
  createdTime: string;
  processingStatus: string;
  inputFeedDocumentId: string;
  resultFeedDocumentId?: string;
  polls: number;
}

const URL_LIFETIME_MS = 5 * 60_000;

export async function startSpApiMock(opts: SpApiMockOptions): Promise<SpApiMock> {
  const v = amazonValidators();
  const violations: string[] = [];
  const processed: SpApiMock['processed'] = [];
  const deleted: string[] = [];
  const listings = new Map<string, Record<string, unknown>>();
  const docs = new Map<string, MockDocument>();
  const feeds = new Map<string, MockFeed>();
  const validTokens = new Set<string>();
  const held: ListingsItemsDeps['held'] = new Map();
  let seq = 0;
  let base = '';
  const state = { tokensIssued: 0 };

  const check = (what: string, errors: string[]): boolean => {
    for (const e of errors) violations.push(`${what}: ${e}`);
    return errors.length === 0;
  };
  const authorized = (req: MockRequest): MockReply | undefined => {
    const t = req.headers['x-amz-access-token'];
    if (typeof t === 'string' && validTokens.has(t)) return undefined;
    return { status: 403, json: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] } };
  };
  const badRequest = (message: string): MockReply => ({ status: 400, json: { errors: [{ code: 'InvalidInput', message }] } });

  const finish = (feed: MockFeed): void => {
    const input = docs.get(feed.inputFeedDocumentId)!;
    const doc = JSON.parse(input.content!.toString('utf8'));
    const issues: Array<Record<string, unknown>> = [];
    let accepted = 0;
    for (const m of doc.messages) {
      processed.push({ feedId: feed.feedId, sku: m.sku, messageId: m.messageId });
      if (opts.rejectSkus?.has(m.sku) && m.operationType !== 'DELETE') {
        issues.push({ messageId: m.messageId, sku: m.sku, code: '90220', severity: 'ERROR', message: "'[batteries_required]' is required but not supplied.", attributeName: 'batteries_required' });
        continue;
      }
      const missingDate = m.operationType === 'DELETE' ? undefined : saleDateProblem(m, (e) => violations.push(`feed message ${m.sku}: ${e}`));
      if (missingDate) {
        issues.push({ messageId: m.messageId, sku: m.sku, code: '90220', severity: 'ERROR', message: `'[${missingDate}]' is required but not supplied.`, attributeName: 'purchasable_offer' });
        continue;
      }
      accepted++;
      if (m.operationType === 'DELETE') {
        deleted.push(m.sku);
        listings.delete(m.sku);
        held.delete(m.sku);
      } else {
        listings.set(m.sku, m);
        // A PATCH changes price or quantity of a listing Amazon holds; the listing stays as it was.
        if (m.operationType !== 'PATCH' || !held.has(m.sku)) held.set(m.sku, { message: m, sellerId: doc.header.sellerId, marketplaceIds: feed.marketplaceIds, createdTime: opts.now().toISOString() });
      }
    }
    const report = {
      header: { sellerId: doc.header.sellerId, version: '2.0', feedId: feed.feedId },
      issues,
      summary: { errors: issues.length, warnings: 0, messagesProcessed: doc.messages.length, messagesAccepted: accepted, messagesInvalid: doc.messages.length - accepted },
    };
    check('processing report (mock output)', v.report(report));
    const gz = opts.gzipReports ?? true;
    const raw = Buffer.from(JSON.stringify(report));
    const id = `amzn1.tortuga.result.${++seq}`;
    docs.set(id, { id, contentType: 'application/json', createdAt: opts.now().getTime(), content: gz ? gzipSync(raw) : raw, compressed: gz });
    feed.resultFeedDocumentId = id;
    feed.processingStatus = opts.finalStatus ?? 'DONE';
  };

  const feedView = (f: MockFeed) => {
    const view: Record<string, unknown> = { feedId: f.feedId, feedType: f.feedType, marketplaceIds: f.marketplaceIds, createdTime: f.createdTime, processingStatus: f.processingStatus };
    if (f.resultFeedDocumentId) view.resultFeedDocumentId = f.resultFeedDocumentId;
    check('Feed (mock output)', v.feedsApi('Feed', view));
    return view;
  };

  const server = await startMockServer(
    withHeldAnswer([
      {
        name: 'token',
        method: 'POST',
        path: /^\/auth\/o2\/token$/,
        handle: (req) => {
          const form = new URLSearchParams(req.body.toString('utf8'));
          const c = opts.credentials;
          if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return badRequest('form expected');
          if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== c.refreshToken || form.get('client_id') !== c.clientId || form.get('client_secret') !== c.clientSecret) {
            return { status: 400, json: { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter' } };
          }
          const token = `Atza|access-${++state.tokensIssued}`;
          validTokens.add(token);
          return { status: 200, json: { access_token: token, token_type: 'bearer', expires_in: 3600, refresh_token: c.refreshToken } };
        },
      },
      {
        name: 'createFeedDocument',
        method: 'POST',
        path: /^\/feeds\/2021-06-30\/documents$/,
        handle: (req) => {
          const denied = authorized(req);
          if (denied) return denied;
          const body = req.json();
          if (!check('CreateFeedDocumentSpecification', v.feedsApi('CreateFeedDocumentSpecification', body))) return badRequest('invalid body');
          const id = `amzn1.tortuga.input.${++seq}`;
          docs.set(id, { id, contentType: body.contentType, createdAt: opts.now().getTime() });
          const reply = { feedDocumentId: id, url: `${base}/upload/${encodeURIComponent(id)}?X-Amz-Signature=mock-signature-${seq}` };
          check('CreateFeedDocumentResponse (mock output)', v.feedsApi('CreateFeedDocumentResponse', reply));
          return { status: 201, json: reply };
        },
      },
      {
        name: 'upload',
        method: 'PUT',
        path: /^\/upload\/([^/]+)$/,
        handle: (req) => {
          const doc = docs.get(decodeURIComponent(req.params[0]!));
          if (!doc) return { status: 404, body: 'NoSuchKey' };
          if (opts.now().getTime() - doc.createdAt > URL_LIFETIME_MS) return { status: 403, body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>' };
          if (req.headers['content-type'] !== doc.contentType) {
            violations.push(`upload: content-type "${req.headers['content-type']}" differs from the declared "${doc.contentType}"`);
            return { status: 403, body: '<Error><Code>SignatureDoesNotMatch</Code></Error>' };
          }
          if (req.headers['x-amz-access-token'] || req.headers.authorization) violations.push('upload: credentials sent to the pre-signed URL');
          let parsed: unknown;
          try {
            parsed = JSON.parse(req.body.toString('utf8'));
          } catch {
            violations.push('upload: body is not JSON');
            return { status: 200 };
          }
          check('listings feed document', v.feed(parsed));
          for (const m of (parsed as { messages?: unknown[] }).messages ?? []) check('listings feed message', v.message(m));
          doc.content = req.body;
          return { status: 200 };
        },
      },
      {
        name: 'createFeed',
        method: 'POST',
        path: /^\/feeds\/2021-06-30\/feeds$/,
        handle: (req) => {
          const denied = authorized(req);
          if (denied) return denied;
          const body = req.json();
          if (!check('CreateFeedSpecification', v.feedsApi('CreateFeedSpecification', body))) return badRequest('invalid body');
          const input = docs.get(body.inputFeedDocumentId);
          if (!input?.content) return badRequest('inputFeedDocumentId has no uploaded content');
          const feedId = String(50000 + ++seq);
          feeds.set(feedId, {
            feedId, feedType: body.feedType, marketplaceIds: body.marketplaceIds, createdTime: opts.now().toISOString(),
            processingStatus: 'IN_QUEUE', inputFeedDocumentId: body.inputFeedDocumentId, polls: 0,
          });
          return { status: 202, json: { feedId } };
        },
      },
      {
        name: 'getFeeds',
        method: 'GET',
        path: /^\/feeds\/2021-06-30\/feeds$/,
        handle: (req) => {
          const denied = authorized(req);
          if (denied) return denied;
          const types = req.url.searchParams.get('feedTypes')?.split(',') ?? [];
          const since = Date.parse(req.url.searchParams.get('createdSince') ?? '1970-01-01T00:00:00Z');
          if (types.length === 0) return badRequest('feedTypes is required');
          const list = [...feeds.values()].filter((f) => types.includes(f.feedType) && Date.parse(f.createdTime) >= since).reverse().map(feedView);
          return { status: 200, json: { feeds: list } };
        },
      },
      {
        name: 'getFeed',
        method: 'GET',
        path: /^\/feeds\/2021-06-30\/feeds\/([^/]+)$/,
        handle: (req) => {
          const denied = authorized(req);
          if (denied) return denied;
          const feed = feeds.get(decodeURIComponent(req.params[0]!));
          if (!feed) return { status: 404, json: { errors: [{ code: 'NotFound', message: 'no such feed' }] } };
          feed.polls++;
          if (feed.processingStatus === 'IN_QUEUE') feed.processingStatus = 'IN_PROGRESS';
          else if (feed.processingStatus === 'IN_PROGRESS' && feed.polls >= (opts.pollsToFinish ?? 2)) finish(feed);
          return { status: 200, json: feedView(feed) };
        },
      },
      {
        name: 'getFeedDocument',
        method: 'GET',
        path: /^\/feeds\/2021-06-30\/documents\/([^/]+)$/,
        handle: (req) => {
          const denied = authorized(req);
          if (denied) return denied;
          const doc = docs.get(decodeURIComponent(req.params[0]!));
          if (!doc?.content) return { status: 404, json: { errors: [{ code: 'NotFound', message: 'no such document' }] } };
          const reply: Record<string, unknown> = { feedDocumentId: doc.id, url: `${base}/download/${encodeURIComponent(doc.id)}?X-Amz-Signature=mock` };
          if (doc.compressed) reply.compressionAlgorithm = 'GZIP';
          check('FeedDocument (mock output)', v.feedsApi('FeedDocument', reply));
          return { status: 200, json: reply };
        },
      },
      {
        name: 'download',
        method: 'GET',
        path: /^\/download\/([^/]+)$/,
        handle: (req) => {
          const doc = docs.get(decodeURIComponent(req.params[0]!));
          return doc?.content ? { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: doc.content } : { status: 404, body: 'NoSuchKey' };
        },
      },
      listingsItemsRoute({ v, violations, held, authorized }, opts),
    ], opts.hold),
    opts.faults,
    opts.onRequest,
  );
  base = server.url;
  return {
    server,
    url: server.url,
    violations,
    processed,
    deleted,
    listings,
    feeds,
    get tokensIssued() {
      return state.tokensIssued;
    },
    revokeTokens: () => validTokens.clear(),
    close: () => server.close(),
  };
}

/**
 * Amazon's product type definitions require start_at and end_at in every discounted_price
 * schedule, as date-times: a missing one refuses the message (its path is returned); one that is
 * not RFC 3339 is a contract violation of the client (`violate`).
 */
function saleDateProblem(message: { attributes?: Record<string, unknown>; patches?: Array<{ path?: string; value?: unknown }> }, violate: (e: string) => void): string | undefined {
  const offers = [
    ...((message.attributes?.purchasable_offer as unknown[] | undefined) ?? []),
    ...(message.patches ?? []).filter((p) => p.path === '/attributes/purchasable_offer').flatMap((p) => (p.value as unknown[]) ?? []),
  ] as Array<{ discounted_price?: Array<{ schedule?: Array<Record<string, unknown>> }> }>;
  for (const offer of offers) {
    for (const price of offer.discounted_price ?? []) {
      for (const entry of price.schedule ?? []) {
        for (const key of ['start_at', 'end_at']) {
          if (entry[key] === undefined) return `purchasable_offer.discounted_price.schedule.${key}`;
          if (!isRfc3339(entry[key])) violate(`purchasable_offer.discounted_price.schedule.${key} "${String(entry[key])}" is not an RFC 3339 date-time`);
        }
      }
    }
  }
  return undefined;
}
