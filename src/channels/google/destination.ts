import { ShelfcastError } from '../../issues/issue.js';
import { pushThroughApi, type ApiDeps, type ChannelApi, type ItemResult } from '../../transports/api-push.js';
import type { Destination } from '../../transports/types.js';
import { realSleep, type Sleep } from '../../http/backoff.js';
import { createHttpClient } from '../../http/client.js';
import { createUrlPolicy } from '../../http/url-policy.js';
import { envSecret } from '../../http/env-secret.js';
import { isHttpError } from '../../http/errors.js';
import type { GoogleMerchantDestinationConfig } from './destination-schema.js';
import { createPacer } from './pacer.js';
import { productInputSegment, toProductInput } from './product-input.js';
import { parseServiceAccountKey, serviceAccountToken } from './service-account.js';

/**
 * Google Merchant API v1: `productInputs:insert` for new and changed items (it replaces the input
 * with the same offer id, language and feed label, so sending twice is harmless) and
 * `productInputs.delete` for items gone from the feed, against one API data source.
 */
export function createDestination(config: GoogleMerchantDestinationConfig, feedId: string, deps: ApiDeps = {}): Destination {
  const shown = `google-merchant://accounts/${config.account_id}/dataSources/${config.data_source_id}`;
  const where = `feeds/${feedId}: destination ${shown}`;
  return {
    async publish(files, ctx) {
      const key = parseServiceAccountKey(envSecret(ctx.env, config.service_account_key_env, `${where}: service_account_key_env`), where);
      const now = deps.now ?? ctx.now;
      const sleep = deps.sleep ?? realSleep;
      // The API endpoint of the config and the token URI of the key may be internal (a test server).
      const urlPolicy = createUrlPolicy({ named: [config.endpoint, key.token_uri] });
      const shared = { random: deps.random, now, sleep, secrets: [key.private_key], log: ctx.log, concurrencyPerHost: 4, urlPolicy };
      const http = createHttpClient(shared);
      const authed = createHttpClient({ ...shared, token: serviceAccountToken(key, http, now) });
      const pace = createPacer(config.requests_per_minute, now, sleep);
      const account = `accounts/${config.account_id}`;
      const dataSource = encodeURIComponent(`${account}/dataSources/${config.data_source_id}`);
      const root = config.endpoint.replace(/\/$/, '');
      const one = async (run: () => Promise<unknown>, id: string, goneIsOk: boolean): Promise<ItemResult> => {
        await pace();
        try {
          await run();
          return { id, ok: true };
        } catch (err) {
          if (goneIsOk && isHttpError(err) && err.status === 404) return { id, ok: true };
          if (isHttpError(err) && err.status === 401) throw new ShelfcastError(`${where}: the service account was refused (401): ${err.message}`, { exitCode: 1, cause: err });
          return { id, ok: false, message: isHttpError(err) && err.body ? `${err.status}: ${apiMessage(err.body)}` : (err as Error).message };
        }
      };
      const api: ChannelApi = {
        key: 'google-merchant',
        shown,
        // One request per item: a batch is the unit of the journal, not of the API.
        maxBatch: 250,
        toItem: (item) => toProductInput(item, { contentLanguage: config.content_language, feedLabel: config.feed_label }),
        async send(op, items) {
          const results = await Promise.all(
            items.map((it) =>
              op === 'upsert'
                ? one(() => authed.request({ method: 'POST', url: `${root}/products/v1/${account}/productInputs:insert?dataSource=${dataSource}`, json: it.body, idempotent: true }), it.id, false)
                : one(
                    () => authed.request({ method: 'DELETE', url: `${root}/products/v1/${account}/productInputs/${productInputSegment(config.content_language, config.feed_label, it.id)}?dataSource=${dataSource}`, idempotent: true }),
                    it.id,
                    true,
                  ),
            ),
          );
          return { results };
        },
      };
      try {
        return await pushThroughApi(api, files, ctx, { minUpdateIntervalMs: config.min_update_interval_hours * 3_600_000, ...deps, sleep });
      } catch (err) {
        if (err instanceof ShelfcastError) throw err;
        throw new ShelfcastError(`${where}: push failed: ${(err as Error).message}`, { exitCode: 1, cause: err });
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

