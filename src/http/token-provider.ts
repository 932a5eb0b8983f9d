/**
 * OAuth access tokens for channel APIs: fetched on first use, cached until shortly before expiry,
 * refreshed once after a 401. Concurrent callers share one refresh.
 */

export interface AccessToken {
  token: string;
  /** Lifetime in seconds, as the token endpoint returns it (`expires_in`). */
  expiresInSeconds: number;
}

export interface TokenProvider {
  /** A valid access token (cached or fresh). */
  get(): Promise<string>;
  /** Forget the cached token (after a 401), so the next get() fetches a new one. */
  invalidate(): void;
  /** Secrets this provider knows (for redaction of messages). */
  secrets(): string[];
}

export interface CachedTokenOptions {
  /** Clock; default `() => new Date()`. */
  now?: () => Date;
  /** Refresh this long before expiry; default 60,000 ms (a minute). */
  skewMs?: number;
  /** Long-lived secrets used by fetch (client secret, refresh token), for redaction; default none. */
  secrets?: string[];
}

export function cachedToken(fetch: () => Promise<AccessToken>, opts: CachedTokenOptions = {}): TokenProvider {
  const now = opts.now ?? (() => new Date());
  const skewMs = opts.skewMs ?? 60_000;
  let cached: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return {
    get() {
      if (cached && now().getTime() < cached.refreshAt) return Promise.resolve(cached.token);
      pending ??= fetch()
        .then((t) => {
          cached = { token: t.token, refreshAt: now().getTime() + t.expiresInSeconds * 1000 - skewMs };
          return t.token;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    invalidate() {
      cached = undefined;
    },
    secrets() {
      return [...(opts.secrets ?? []), ...(cached ? [cached.token] : [])];
    },
  };
}
