import type { PublishContext } from '../transports/types.js';
import { realSleep, type Sleep } from './backoff.js';
import { createUrlPolicy } from './url-policy.js';
import { createHttpClient, type HttpClient } from './client.js';

/**
 * A client for APIs authenticated by one long-lived token (Meta system-user tokens, Pinterest
 * access tokens): the token is never refreshed, since a token that fails once fails again.
 */
/** `endpoint`: the API origin the config names (it may be internal, e.g. a test server). */
export function staticTokenClient(token: string, endpoint: string, ctx: Pick<PublishContext, 'now' | 'log'>, deps: { random?: () => number; now?: () => Date; sleep?: Sleep }): { http: HttpClient; sleep: Sleep } {
  const sleep = deps.sleep ?? realSleep;
  const http = createHttpClient({
    token: { get: async () => token, invalidate: () => undefined, secrets: () => [token] },
    random: deps.random,
    now: deps.now ?? ctx.now,
    sleep,
    secrets: [token],
    log: ctx.log,
    refreshOn: [],
    urlPolicy: createUrlPolicy({ named: [endpoint] }),
  });
  return { http, sleep };
}
