import got, { RequestError } from 'got';
import pLimit, { type LimitFunction } from 'p-limit';
import { createUrlPolicy, UrlRefusedError, type UrlPolicy } from './url-policy.js';
import { fullJitter, parseRetryAfter, realSleep, type Sleep } from './backoff.js';
import { HttpError } from './errors.js';
import { redact, safeUrl } from './redact.js';
import type { TokenProvider } from './token-provider.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpClientOptions {
  /** Access-token source; default none (no credential header is sent). */
  token?: TokenProvider;
  /** Statuses meaning "token expired or revoked": refresh once and retry; default [401] (SP-API also uses 403). */
  refreshOn?: number[];
  /** Headers carrying the token; default `{ authorization: 'Bearer <token>' }`. */
  authHeaders?: (token: string) => Record<string, string>;
  /** Deadline of one attempt in ms; default 30,000. */
  timeoutMs?: number;
  /** Total time for all attempts of one request, waits included, in ms; default 120,000. */
  budgetMs?: number;
  /** Retries after the first attempt; default 6. */
  maxRetries?: number;
  /** First backoff cap in ms (doubles each retry); default 250. */
  baseDelayMs?: number;
  /** Largest backoff cap in ms; default 20,000. */
  maxDelayMs?: number;
  /** Requests in flight per host; default 4. */
  concurrencyPerHost?: number;
  /** Injected wait; default a real timer. Tests pass a fake that advances a fake clock. */
  sleep?: Sleep;
  /** Injected random in [0, 1); default Math.random. */
  random?: () => number;
  /** Injected clock; default `() => new Date()`. */
  now?: () => Date;
  /** More strings to mask in error messages (API keys...); default none. */
  secrets?: string[];
  /** User-Agent header; default `shelfcast`. */
  userAgent?: string;
  /** Progress lines (retries and waits), never holding a secret; default silent. */
  log?: (line: string) => void;
  /**
   * The URL rule every request passes before it connects (src/http/url-policy.ts); destinations
   * name their configured endpoint and token URL. Default: https to public addresses only.
   */
  urlPolicy?: UrlPolicy;
}

export interface HttpRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Serialized as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Raw body, sent as is (set the content type in headers). */
  body?: Buffer | string;
  /** Safe to send twice (GET, PUT of a whole resource...): 5xx, resets and timeouts are retried. Default false. */
  idempotent?: boolean;
  /** Send the token; default true when the client has one. Pre-signed URLs set false. */
  auth?: boolean;
  /** Overrides the client's per-attempt deadline. */
  timeoutMs?: number;
  /** Overrides the client's total budget. */
  budgetMs?: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** Codes meaning the request never left: safe to retry even when not idempotent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
/** Codes worth retrying for idempotent requests. */
const TRANSIENT = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_STREAM_PREMATURE_CLOSE']);
const MAX_BODY_IN_ERROR = 8_000;

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const limiters = new Map<string, LimitFunction>();
  const limiterFor = (url: string): LimitFunction => {
    const host = new URL(url).host;
    let l = limiters.get(host);
    if (!l) limiters.set(host, (l = pLimit(options.concurrencyPerHost ?? 4)));
    return l;
  };
  const secrets = (): string[] => [...(options.secrets ?? []), ...(options.token?.secrets() ?? [])];
  const clean = (text: string): string => redact(text, secrets());
  const policy = options.urlPolicy ?? createUrlPolicy();

  async function request(req: HttpRequest): Promise<HttpResponse> {
    const where = `${req.method} ${safeUrl(req.url)}`;
    const started = now().getTime();
    const budget = req.budgetMs ?? options.budgetMs ?? 120_000;
    const maxRetries = options.maxRetries ?? 6;
    const useAuth = (req.auth ?? true) && options.token !== undefined;
    let refreshed = false;
    let retries = 0;
    let attempts = 0;
    // Redirects are never followed (followRedirect: false), so the request URL is the only hop.
    let target: Awaited<ReturnType<UrlPolicy['check']>>;
    try {
      target = await policy.check(req.url);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message = e instanceof UrlRefusedError ? `${where}: refused: ${e.reason}` : `${where}: no answer (${code ?? 'lookup failed'})`;
      throw new HttpError(message, { method: req.method, url: safeUrl(req.url), outcome: 'rejected', code, attempts: 0, cause: new Error(clean((e as Error).message)) });
    }

    // Waits before the next attempt, or throws `failure` when the budget or retry count is spent.
    const backoff = async (failure: HttpError, serverDelay: number | undefined): Promise<void> => {
      const delay = serverDelay ?? fullJitter(retries, random, options.baseDelayMs, options.maxDelayMs);
      const elapsed = now().getTime() - started;
      if (retries >= maxRetries || elapsed + delay > budget) throw failure;
      retries++;
      options.log?.(`${where}: ${failure.message}; retry ${retries} in ${delay} ms`);
      await sleep(delay, req.signal);
    };

    for (;;) {
      attempts++;
      const remaining = Math.max(1, budget - (now().getTime() - started));
      const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'shelfcast', ...req.headers };
      if (useAuth) {
        const token = await options.token!.get();
        Object.assign(headers, options.authHeaders ? options.authHeaders(token) : { authorization: `Bearer ${token}` });
      }
      let body = req.body;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        headers['content-type'] ??= 'application/json';
      }
      let res: { statusCode: number; headers: HttpResponse['headers']; body: Buffer };
      try {
        res = await limiterFor(req.url)(() =>
          got(target.url, {
            method: req.method,
            dnsLookup: target.lookup as never,
            headers,
            body,
            responseType: 'buffer',
            throwHttpErrors: false,
            retry: { limit: 0 },
            followRedirect: false,
            timeout: { request: Math.min(req.timeoutMs ?? options.timeoutMs ?? 30_000, remaining) },
            signal: req.signal,
          }),
        );
      } catch (e) {
        const code = e instanceof RequestError ? e.code : undefined;
        // The raw error holds the request options (headers included): keep only a redacted summary.
        const cause = Object.assign(new Error(clean(e instanceof Error ? e.message : String(e))), { code });
        if (req.signal?.aborted) {
          throw new HttpError(`${where}: cancelled`, { method: req.method, url: safeUrl(req.url), outcome: 'unknown', code, attempts, cause });
        }
        const notSent = code !== undefined && NOT_SENT.has(code);
        const failure = new HttpError(`${where}: no answer (${code ?? 'network error'})`, {
          method: req.method, url: safeUrl(req.url), outcome: notSent ? 'rejected' : 'unknown', code, attempts, cause,
        });
        if (!(notSent || (req.idempotent && code !== undefined && TRANSIENT.has(code)))) throw failure;
        await backoff(failure, undefined);
        continue;
      }

      const status = res.statusCode;
      if (status < 400) return toResponse(res);
      const text = clean(res.body.toString('utf8').slice(0, MAX_BODY_IN_ERROR));
      const retryAfter = parseRetryAfter(res.headers['retry-after'], now());
      const transient = status >= 500;
      const failure = new HttpError(`${where}: HTTP ${status}${summary(text)}`, {
        status, body: text, method: req.method, url: safeUrl(req.url),
        outcome: transient ? 'unknown' : 'rejected', attempts, headers: res.headers,
      });
      if ((options.refreshOn ?? [401]).includes(status) && useAuth && !refreshed) {
        // An expired or revoked token: one fresh token, one more try, no wait.
        refreshed = true;
        options.token!.invalidate();
        continue;
      }
      // 429 means the server refused the request before acting: always safe to send again.
      if (status === 429) {
        await backoff(failure, retryAfter);
        continue;
      }
      if (transient && req.idempotent) {
        await backoff(failure, retryAfter);
        continue;
      }
      throw failure;
    }
  }
  return { request };
}

function toResponse(res: { statusCode: number; headers: HttpResponse['headers']; body: Buffer }): HttpResponse {
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body,
    text: () => res.body.toString('utf8'),
    json: <T>() => JSON.parse(res.body.toString('utf8')) as T,
  };
}

/** First line of an error body, for the message; the whole body stays on HttpError.body. */
function summary(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line === '' ? '' : `: ${line.slice(0, 300)}`;
}
