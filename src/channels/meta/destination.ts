import { ShelfcastError } from '../../issues/issue.js';
import { pushThroughApi, type ApiDeps, type ChannelApi } from '../../transports/api-push.js';
import type { Destination } from '../../transports/types.js';
import { envSecret } from '../../http/env-secret.js';
import { staticTokenClient } from '../../http/static-token-client.js';
import type { MetaDestinationConfig } from './destination-schema.js';
import { matchBatchErrors, toMetaItem, type MetaBatchError } from './items-batch.js';

interface StatusAnswer {
  data?: Array<{ handle?: string; status?: string; errors?: MetaBatchError[]; errors_total_count?: number }>;
}

/**
 * Meta catalog through the Graph API: `POST /{catalog}/items_batch` with UPDATE requests
 * (allow_upsert creates missing items) and DELETE requests, up to 5,000 per call, then
 * `check_batch_request_status` polled per handle until the batch is finished; the errors it
 * lists are matched back to their items.
 */
export function createDestination(config: MetaDestinationConfig, feedId: string, deps: ApiDeps = {}): Destination {
  const shown = `meta://catalogs/${config.catalog_id}`;
  const where = `feeds/${feedId}: destination ${shown}`;
  return {
    async publish(files, ctx) {
      const token = envSecret(ctx.env, config.access_token_env, `${where}: access_token_env`);
      const { http, sleep } = staticTokenClient(token, config.endpoint, ctx, deps);
      const root = `${config.endpoint.replace(/\/$/, '')}/${config.api_version}/${config.catalog_id}`;
      const api: ChannelApi = {
        key: 'meta',
        shown,
        maxBatch: config.batch_size,
        toItem: toMetaItem,
        async send(op, items) {
          const requests = items.map((it) => (op === 'upsert' ? { method: 'UPDATE', data: it.body } : { method: 'DELETE', data: { id: it.id } }));
          // Upserts and deletes of whole items leave the same catalog when repeated: safe to retry.
          const res = await http.request({ method: 'POST', url: `${root}/items_batch`, json: { item_type: 'PRODUCT_ITEM', allow_upsert: true, requests }, idempotent: true });
          const handle = res.json<{ handles?: string[] }>().handles?.[0];
          if (!handle) throw new ShelfcastError(`${where}: items_batch answered without a handle`, { exitCode: 1 });
          return { handle };
        },
        async poll(handle, _op, ids) {
          const res = await http.request({ method: 'GET', url: `${root}/check_batch_request_status?handle=${encodeURIComponent(handle)}&load_ids_of_invalid_requests=true`, idempotent: true });
          const status = res.json<StatusAnswer>().data?.[0];
          if (!status || status.status === 'in_progress' || status.status === 'started' || status.status === 'dispatched') return undefined;
          if (status.status !== 'finished') return ids.map((id) => ({ id, ok: false, message: `batch ${status.status ?? 'without status'}` }));
          const errors = matchBatchErrors(status.errors ?? [], ids);
          return ids.map((id) => (errors.has(id) ? { id, ok: false, message: errors.get(id) } : { id, ok: true }));
        },
      };
      try {
        return await pushThroughApi(api, files, ctx, { ...deps, sleep });
      } catch (err) {
        if (err instanceof ShelfcastError) throw err;
        throw new ShelfcastError(`${where}: push failed: ${(err as Error).message}`, { exitCode: 1, cause: err });
      }
    },
  };
}
