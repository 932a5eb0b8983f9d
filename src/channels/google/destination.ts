import { pushThroughApi, type ApiDeps, type ChannelApi } from '../../transports/api-push.js';
import type { Destination } from '../../transports/types.js';
import { merchantSession, pushFailure } from './merchant-session.js';
import type { GoogleMerchantDestinationConfig } from './destination-schema.js';
import { productInputSegment, toProductInput } from './product-input.js';

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
      const { authed, root, sleep, one } = merchantSession(config, ctx, where, deps);
      const account = `accounts/${config.account_id}`;
      const dataSource = encodeURIComponent(`${account}/dataSources/${config.data_source_id}`);
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
        throw pushFailure(where, err);
      }
    },
  };
}
