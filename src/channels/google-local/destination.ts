import { productInputSegment } from '../google/product-input.js';
import { pushThroughApi, type ApiDeps, type ChannelApi } from '../../transports/api-push.js';
import type { Destination } from '../../transports/types.js';
import { merchantSession, pushFailure } from '../google/merchant-session.js';
import type { GoogleLocalInventoryDestinationConfig } from './destination-schema.js';
import { parseInventoryId, toLocalInventory } from './local-inventory.js';

/**
 * Google Merchant API v1 local inventories: `localInventories:insert` for new and changed rows of
 * the local inventory feed (it replaces the store's inventory of the product, so sending twice is
 * harmless) and `localInventories.delete` for rows gone from it; the shared push engine sends only
 * what changed since the last acknowledged push.
 */
export function createDestination(config: GoogleLocalInventoryDestinationConfig, feedId: string, deps: ApiDeps = {}): Destination {
  const shown = `google-local-inventory://accounts/${config.account_id}`;
  const where = `feeds/${feedId}: destination ${shown}`;
  return {
    async publish(files, ctx) {
      const { authed, root, sleep, one } = merchantSession(config, ctx, where, deps);
      const product = (offerId: string) => `${root}/inventories/v1/accounts/${config.account_id}/products/${productInputSegment(config.content_language, config.feed_label, offerId)}`;
      const api: ChannelApi = {
        key: 'google-local-inventory',
        shown,
        maxBatch: 250,
        toItem: toLocalInventory,
        async send(op, items) {
          const results = await Promise.all(
            items.map((it) => {
              const { storeCode, offerId } = parseInventoryId(it.id);
              return op === 'upsert'
                ? one(() => authed.request({ method: 'POST', url: `${product(offerId)}/localInventories:insert`, json: it.body, idempotent: true }), it.id, false)
                : one(() => authed.request({ method: 'DELETE', url: `${product(offerId)}/localInventories/${encodeURIComponent(storeCode)}`, idempotent: true }), it.id, true);
            }),
          );
          return { results };
        },
      };
      try {
        return await pushThroughApi(api, files, ctx, { ...deps, sleep });
      } catch (err) {
        throw pushFailure(where, err);
      }
    },
  };
}
