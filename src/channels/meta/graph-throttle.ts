import { ShelfcastError } from '../../issues/issue.js';
import { fullJitter, type Sleep } from '../../http/backoff.js';
import type { HttpClient, HttpRequest, HttpResponse } from '../../http/client.js';
import { isHttpError } from '../../http/errors.js';

/**
 * Graph API throttling. Meta does not answer 429: a throttled call fails with HTTP 400 (sometimes
 * 403) and an `error.code` of 4 (app), 17 (user), 32 (page), 613, or 80000-80014 (Business Use
 * Case limits; 80009 catalog management, 80014 catalog batch), and the `x-business-use-case-usage`
 * header says in `estimated_time_to_regain_access` how many minutes to wait
 * (developers.facebook.com/docs/graph-api/overview/rate-limiting). The request was refused before
 * acting, so it is always safe to send again.
 */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const isThrottleCode = (code: number): boolean => THROTTLE_CODES.has(code) || (code >= 80000 && code <= 80014);

/** Waits for one call before giving up; default 6. */
const MAX_WAITS = 6;
/** A wait Meta asks for beyond this ends the call with a clear error instead (a cron run should not hang); 15 minutes. */
const MAX_WAIT_MS = 15 * 60_000;

/** The Graph error code of a refusal, when its body is a Graph error. */
export function graphErrorCode(body: string | undefined): number | undefined {
  try {
    const code = (JSON.parse(body ?? '') as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Minutes to wait from `x-business-use-case-usage` (the largest over its entries), in ms; undefined without one. */
export function regainAccessMs(header: string | string[] | undefined): number | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) return undefined;
  try {
    const usage = JSON.parse(text) as Record<string, Array<{ estimated_time_to_regain_access?: unknown }>>;
    const minutes = Object.values(usage).flat().map((u) => Number(u?.estimated_time_to_regain_access)).filter((n) => Number.isFinite(n) && n >= 0);
    return minutes.length ? Math.max(...minutes) * 60_000 : undefined;
  } catch {
    return undefined;
  }
}

/** A Graph API call that waits out Meta's throttling as Meta asks, then sends the call again. */
export async function graphRequest(http: HttpClient, req: HttpRequest, o: { sleep: Sleep; random?: () => number; log: (line: string) => void; where: string; signal?: AbortSignal }): Promise<HttpResponse> {
  for (let n = 0; ; n++) {
    try {
      return await http.request(req);
    } catch (err) {
      const code = isHttpError(err) && (err.status === 400 || err.status === 403 || err.status === 429) ? graphErrorCode(err.body) : undefined;
      if (code === undefined || !isThrottleCode(code) || n >= MAX_WAITS || !isHttpError(err)) throw err;
      const asked = regainAccessMs(err.headers?.['x-business-use-case-usage']);
      if (asked !== undefined && asked > MAX_WAIT_MS) {
        throw new ShelfcastError(`${o.where}: Meta throttles this catalog (Graph error ${code}) for about ${Math.round(asked / 60_000)} minutes; run again later`, { exitCode: 1, cause: err });
      }
      const wait = Math.max(asked ?? 0, fullJitter(n, o.random ?? Math.random, 1_000, 60_000));
      o.log(`${o.where}: Meta throttled the call (Graph error ${code}); waiting ${Math.ceil(wait / 1000)} s`);
      await o.sleep(wait, o.signal);
    }
  }
}
