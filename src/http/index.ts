/**
 * The shared client every channel API uses (Amazon SP-API, eBay, Google Merchant, Meta, Pinterest).
 *
 * Exports:
 * - `createHttpClient(options): HttpClient`: `client.request({ method, url, headers?, json?, body?,
 *   idempotent?, auth?, timeoutMs?, budgetMs?, signal? })` resolves with `{ status, headers, body,
 *   text(), json() }` for any status below 400 and throws `HttpError` otherwise. Every attempt has a
 *   deadline (`timeoutMs`, default 30 s) and all attempts share a budget (`budgetMs`, default 120 s).
 *   Retries: 429 always (the server refused before acting), honouring Retry-After in seconds or as
 *   an HTTP date; 5xx, resets and timeouts only when `idempotent: true`, with full-jitter backoff; a
 *   refused connection always. A 401 (or any status in
 *   `refreshOn`) invalidates the token and retries once with a fresh one.
 *   Requests in flight are limited per host (`concurrencyPerHost`, default 4, p-limit).
 *   `sleep`, `random` and `now` are injectable so tests never wait for real time. Every request
 *   URL passes `urlPolicy` (src/http/url-policy.ts) before it connects: https to public addresses,
 *   internal or plain-http origins only when the destination's config names them.
 * - `HttpError` (`status?`, `body?` redacted, `method`, `url` without query, `outcome`:
 *   `rejected` | `unknown` (a non-idempotent request may have been applied), `code?`, `attempts`,
 *   `cause` redacted): never carries an Authorization header, a token or a query string.
 * - `cachedToken(fetch, { now?, skewMs?, secrets? }): TokenProvider`: caches an access token until
 *   `skewMs` (default a minute) before expiry, shares one refresh between concurrent callers.
 * - `redact(text, secrets)`: masks the given secrets and common credential shapes; `safeUrl(url)`
 *   drops query and fragment (pre-signed URLs carry signatures there).
 * - `fullJitter`, `parseRetryAfter`, `realSleep`, `Sleep`: the timing pieces, for pollers.
 * - `envSecret(env, name, where)`: reads a secret from the environment variable a config names.
 * - `refreshTokenProvider(cfg, env, where, httpOptions)`: OAuth 2 refresh-token grant (Login with
 *   Amazon, eBay) as a cached TokenProvider; the three secrets come from the named env variables.
 * - `createTokenBucket({ capacity, refillPerSecond, now, sleep })`: rate limits (rate + burst) whose
 *   `take()` waits with the injected sleep; `createWindowLimit({ max, windowMs, now, sleep })` for
 *   "N per period" quotas (sliding window); both are a `RateLimit`.
 */
export { createHttpClient } from './client.js';
export type { HttpClient, HttpClientOptions, HttpMethod, HttpRequest, HttpResponse } from './client.js';
export { HttpError, isHttpError } from './errors.js';
export type { Outcome } from './errors.js';
export { cachedToken } from './token-provider.js';
export type { AccessToken, CachedTokenOptions, TokenProvider } from './token-provider.js';
export { redact, safeUrl } from './redact.js';
export { fullJitter, parseRetryAfter, realSleep, waitClock } from './backoff.js';
export type { Sleep } from './backoff.js';
export { envSecret } from './env-secret.js';
export { createTokenBucket, createWindowLimit } from './token-bucket.js';
export type { RateLimit, TokenBucket, TokenBucketOptions } from './token-bucket.js';
export { refreshTokenProvider } from './oauth-refresh.js';
export type { OAuthRefreshConfig } from './oauth-refresh.js';
