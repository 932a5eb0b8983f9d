import { ShelfcastError } from '../../issues/issue.js';
import { pushThroughApi, type ApiDeps, type ChannelApi } from '../../transports/api-push.js';
import type { Destination } from '../../transports/types.js';
import { envSecret } from '../../http/env-secret.js';
import { staticTokenClient } from '../../http/static-token-client.js';
import { BatchKeeper } from '../../verdicts/batch-handles.js';
import type { MetaDestinationConfig } from './destination-schema.js';
import { graphRequest } from './graph-throttle.js';
import { BATCH_RUNNING, matchBatchErrors, toMetaItem, type BatchStatusAnswer } from './items-batch.js';


/**
 * Meta catalog through the Graph API: `POST /{catalog}/items_batch` with UPDATE requests
 * (allow_upsert creates missing items) and DELETE requests, up to 5,000 per call, then
 * `check_batch_request_status` polled per handle until the batch is finished; the errors it
 * lists are matched back to their items. The handles are kept in the state folder for the
 * verdict reader (verdicts.ts); Graph throttling is waited out as Meta asks (graph-throttle.ts).
 */
export function createDestination(config: MetaDestinationConfig, feedId: string, deps: ApiDeps = {}): Destination {
  const shown = `meta://catalogs/${config.catalog_id}`;
  const where = `feeds/${feedId}: destination ${shown}`;
  return {
    async publish(files, ctx) {
      const token = envSecret(ctx.env, config.access_token_env, `${where}: access_token_env`);
      const { http, sleep } = staticTokenClient(token, config.endpoint, ctx, deps);
      const root = `${config.endpoint.replace(/\/$/, '')}/${config.api_version}/${config.catalog_id}`;
      const graph = (req: Parameters<typeof http.request>[0]) => graphRequest(http, req, { sleep, random: deps.random, log: ctx.log, where, signal: ctx.signal });
      const keeper = new BatchKeeper('meta');
      const api: ChannelApi = {
        key: 'meta',
        shown,
        maxBatch: config.batch_size,
        toItem: toMetaItem,
        async send(op, items) {
          const requests = items.map((it) => (op === 'upsert' ? { method: 'UPDATE', data: it.body } : { method: 'DELETE', data: { id: it.id } }));
          // Upserts and deletes of whole items leave the same catalog when repeated: safe to retry.
          const res = await graph({ method: 'POST', url: `${root}/items_batch`, json: { item_type: 'PRODUCT_ITEM', allow_upsert: true, requests }, idempotent: true });
          const handle = res.json<{ handles?: string[] }>().handles?.[0];
          if (!handle) throw new ShelfcastError(`${where}: items_batch answered without a handle`, { exitCode: 1 });
          return { handle };
        },
        poll: keeper.wrap(async (handle, _op, ids) => {
          const res = await graph({ method: 'GET', url: `${root}/check_batch_request_status?handle=${encodeURIComponent(handle)}&load_ids_of_invalid_requests=true`, idempotent: true });
          const status = res.json<BatchStatusAnswer>().data?.[0];
          if (!status || BATCH_RUNNING.has(status.status ?? '')) return undefined;
          if (status.status !== 'finished') return ids.map((id) => ({ id, ok: false, message: `batch ${status.status ?? 'without status'}` }));
          const errors = matchBatchErrors(status.errors ?? [], ids);
          // `errors` holds samples only; ids_of_invalid_requests names every refused item.
          const invalid = new Set(status.ids_of_invalid_requests ?? []);
          return ids.map((id) => (errors.has(id) || invalid.has(id) ? { id, ok: false, message: errors.get(id) ?? 'refused (Meta listed it among the invalid requests without a sample error)' } : { id, ok: true }));
        }),
      };
      try {
        const result = await pushThroughApi(api, files, ctx, { ...deps, sleep });
        if (!ctx.dryRun) await keeper.save(ctx.stateDir, feedId, ctx.now());
        return result;
      } catch (err) {
        if (err instanceof ShelfcastError) throw err;
        throw new ShelfcastError(`${where}: push failed: ${(err as Error).message}`, { exitCode: 1, cause: err });
      }
    },
  };
}
