import { realSleep, waitClock, type Sleep } from '../../http/backoff.js';
import { createHttpClient, type HttpClient } from '../../http/client.js';
import { envSecret } from '../../http/env-secret.js';
import { isHttpError } from '../../http/errors.js';
import { createUrlPolicy } from '../../http/url-policy.js';
import { ShelfcastError } from '../../issues/issue.js';
import type { ApiDeps, ItemResult } from '../../transports/api-push.js';
import type { PublishContext } from '../../transports/types.js';
import { createPacer } from './pacer.js';
import { parseServiceAccountKey, serviceAccountToken } from './service-account.js';

export interface MerchantSession {
  /** The HTTP client with the service account's access token. */
  authed: HttpClient;
  /** API root without a trailing slash. */
  root: string;
  sleep: Sleep;
  /**
   * One paced request for one item: its verdict (a 404 counts as done when `goneIsOk`, for
   * deletes). A refused service account (401) ends the push.
   */
  one(run: () => Promise<unknown>, id: string, goneIsOk: boolean): Promise<ItemResult>;
}

/**
 * What every Merchant API push shares: the service account from its environment variable, the
 * token, the pacing inside the account's quota and the reading of Google's error bodies.
 */
export function merchantSession(config: { service_account_key_env: string; endpoint: string; requests_per_minute: number }, ctx: PublishContext, where: string, deps: ApiDeps): MerchantSession {
  const key = parseServiceAccountKey(envSecret(ctx.env, config.service_account_key_env, `${where}: service_account_key_env`), where);
  const now = deps.now ?? ctx.now;
  const sleep = deps.sleep ?? realSleep;
  // The API endpoint of the config and the token URI of the key may be internal (a test server).
  const urlPolicy = createUrlPolicy({ named: [config.endpoint, key.token_uri] });
  const shared = { random: deps.random, now, sleep, secrets: [key.private_key], log: ctx.log, concurrencyPerHost: 4, urlPolicy };
  const http = createHttpClient(shared);
  const authed = createHttpClient({ ...shared, token: serviceAccountToken(key, http, now) });
  const pace = createPacer(config.requests_per_minute, waitClock(deps.sleep, now), sleep);
  return {
    authed,
    root: config.endpoint.replace(/\/$/, ''),
    sleep,
    async one(run, id, goneIsOk) {
      await pace();
      try {
        await run();
        return { id, ok: true };
      } catch (err) {
        if (goneIsOk && isHttpError(err) && err.status === 404) return { id, ok: true };
        if (isHttpError(err) && err.status === 401) throw new ShelfcastError(`${where}: the service account was refused (401): ${err.message}`, { exitCode: 1, cause: err });
        return { id, ok: false, message: isHttpError(err) && err.body ? `${err.status}: ${apiMessage(err.body)}` : (err as Error).message };
      }
    },
  };
}

/** The `error.message` of a Google API error body, or its first line. */
function apiMessage(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body.split('\n')[0]!;
  } catch {
    return body.split('\n')[0]!;
  }
}

/** Wraps a push's unexpected failure as the run-level failure of this destination. */
export function pushFailure(where: string, err: unknown): ShelfcastError {
  if (err instanceof ShelfcastError) return err;
  return new ShelfcastError(`${where}: push failed: ${(err as Error).message}`, { exitCode: 1, cause: err });
}
