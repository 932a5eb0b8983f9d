import { ShelfcastError } from '../../issues/issue.js';
import { pushThroughApi, type ApiDeps, type ChannelApi } from '../../transports/api-push.js';
import type { Destination } from '../../transports/types.js';
import { envSecret } from '../../http/env-secret.js';
import { staticTokenClient } from '../../http/static-token-client.js';
import { BatchKeeper } from '../../verdicts/batch-handles.js';
import type { PinterestDestinationConfig } from './destination-schema.js';
import { recordMessage, toPinterestItem, type ItemsBatchAnswer, type ProcessingRecord } from './items-batch.js';

/**
 * Pinterest API v5: `POST /v5/catalogs/items/batch` (UPSERT or DELETE, 1 to 1,000 items), then
 * `GET /v5/catalogs/items/batch/{batch_id}` polled until COMPLETED; each item's record says
 * SUCCESS or FAILURE with its errors. The batch ids are kept in the state folder for the
 * verdict reader (verdicts.ts).
 */
export function createDestination(config: PinterestDestinationConfig, feedId: string, deps: ApiDeps = {}): Destination {
  const shown = `pinterest://catalogs/${config.country}/${config.language}`;
  const where = `feeds/${feedId}: destination ${shown}`;
  return {
    async publish(files, ctx) {
      const token = envSecret(ctx.env, config.access_token_env, `${where}: access_token_env`);
      const { http, sleep } = staticTokenClient(token, config.endpoint, ctx, deps);
      const root = `${config.endpoint.replace(/\/$/, '')}/v5/catalogs/items/batch`;
      const query = config.ad_account_id ? `?ad_account_id=${config.ad_account_id}` : '';
      const keeper = new BatchKeeper('pinterest');
      const api: ChannelApi = {
        key: 'pinterest',
        shown,
        maxBatch: config.batch_size,
        toItem: toPinterestItem,
        async send(op, items) {
          const body = {
            country: config.country,
            language: config.language,
            operation: op === 'upsert' ? 'UPSERT' : 'DELETE',
            items: items.map((it) => (op === 'upsert' ? it.body : { item_id: it.id })),
          };
          // UPSERT and DELETE of whole items are idempotent: a retry leaves the same catalog.
          const res = await http.request({ method: 'POST', url: `${root}${query}`, json: body, idempotent: true });
          const batchId = res.json<{ batch_id?: string }>().batch_id;
          if (!batchId) throw new ShelfcastError(`${where}: items/batch answered without a batch_id`, { exitCode: 1 });
          return { handle: batchId };
        },
        poll: keeper.wrap(async (handle, _op, ids) => {
          const res = await http.request({ method: 'GET', url: `${root}/${encodeURIComponent(handle)}${query}`, idempotent: true });
          const batch = res.json<ItemsBatchAnswer>();
          if (batch.status === 'PROCESSING' || batch.status === undefined) return undefined;
          if (batch.status === 'FAILED' && !batch.items?.length) return ids.map((id) => ({ id, ok: false, message: 'the batch failed' }));
          return (batch.items ?? [])
            .filter((r): r is ProcessingRecord & { item_id: string } => typeof r.item_id === 'string' && r.status !== 'PROCESSING')
            .map((r) => (r.status === 'SUCCESS' ? { id: r.item_id, ok: true } : { id: r.item_id, ok: false, message: recordMessage(r) }));
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
