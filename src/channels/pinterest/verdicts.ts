import { ShelfcastError } from '../../issues/issue.js';
import { realSleep } from '../../http/backoff.js';
import { envSecret } from '../../http/env-secret.js';
import { isHttpError } from '../../http/errors.js';
import { staticTokenClient } from '../../http/static-token-client.js';
import { hashesFile, loadHashes } from '../../run/deltas.js';
import { readLatestBatches } from '../../verdicts/batch-handles.js';
import { catalogFieldOf } from '../../verdicts/catalog-field.js';
import type { FetchVerdicts } from '../../verdicts/fetcher.js';
import { hintFor } from '../../verdicts/hints.js';
import { statusFromIssues, type ChannelIssue, type ChannelSeverity, type ItemVerdict } from '../../verdicts/model.js';
import { readLatestVerdicts } from '../../verdicts/store.js';
import type { PinterestDestinationConfig } from './destination-schema.js';
import type { ItemsBatchAnswer, ProcessingRecord, ValidationEvent } from './items-batch.js';

const event = (e: ValidationEvent, severity: ChannelSeverity): ChannelIssue => {
  const field = catalogFieldOf(e.attribute);
  const message = e.message ?? (severity === 'warning' ? 'warning' : 'invalid');
  // Pinterest's code is a number (106: "Title is missing from product metadata."); without one, the attribute names the issue.
  const code = e.code !== undefined ? String(e.code) : (e.attribute ?? 'unspecified');
  return { code, severity, message, attribute: e.attribute || undefined, field, hint: hintFor('Pinterest', { field, message }) };
};

/**
 * One item's verdict from its processing record: FAILURE (its errors refused the item; "a non
 * empty errors list causes the item processing to fail") is disapproved, SUCCESS stands with its
 * warnings, PROCESSING is pending.
 */
export function verdictOfRecord(r: ProcessingRecord & { item_id: string }): ItemVerdict {
  const issues = [...(r.errors ?? []).map((e) => event(e, 'disapproved')), ...(r.warnings ?? []).map((e) => event(e, 'warning'))];
  if (r.status === 'FAILURE' && !issues.some((i) => i.severity === 'disapproved')) issues.unshift({ code: 'FAILURE', severity: 'disapproved', message: 'Pinterest refused the item without naming an error' });
  return { id: r.item_id, status: statusFromIssues(issues, r.status === 'PROCESSING'), issues };
}

/**
 * Pinterest's verdicts on a feed's items: the item processing records of every batch of the last
 * push (`GET /v5/catalogs/items/batch/{batch_id}`, the ids kept by the push in the state folder).
 * The API has no per-item review read for items pushed by batch, so an item the last push did not
 * send keeps its verdict of the previous fetch, or, acknowledged without one, stands approved.
 */
export const fetchVerdicts: FetchVerdicts = async (config: PinterestDestinationConfig, ctx) => {
  const source = `pinterest://catalogs/${config.country}/${config.language}`;
  const where = `feeds/${ctx.feedId}: destination ${source}`;
  const token = envSecret(ctx.env, config.access_token_env, `${where}: access_token_env`);
  const { http } = staticTokenClient(token, config.endpoint, ctx, { sleep: ctx.sleep ?? realSleep, random: ctx.random, now: ctx.now });
  const root = `${config.endpoint.replace(/\/$/, '')}/v5/catalogs/items/batch`;
  const query = config.ad_account_id ? `?ad_account_id=${config.ad_account_id}` : '';

  const held = new Set((await loadHashes(hashesFile(ctx.stateDir, ctx.feedId, 'pinterest'))).keys());
  const verdicts = new Map<string, ItemVerdict>();
  for (const batch of (await readLatestBatches(ctx.stateDir, ctx.feedId, 'pinterest'))?.batches ?? []) {
    if (batch.op !== 'upsert') continue;
    let answer: ItemsBatchAnswer;
    try {
      answer = (await http.request({ method: 'GET', url: `${root}/${encodeURIComponent(batch.handle)}${query}`, idempotent: true })).json<ItemsBatchAnswer>();
    } catch (err) {
      // A batch Pinterest no longer knows (4331): its items keep what was known of them.
      if (isHttpError(err) && err.status === 404) continue;
      throw new ShelfcastError(`${where}: reading batch ${batch.handle} failed${isHttpError(err) && err.status ? ` (${err.status})` : ''}: ${(err as Error).message}`, { exitCode: 1, cause: err });
    }
    const records = new Map((answer.items ?? []).filter((r): r is ProcessingRecord & { item_id: string } => typeof r.item_id === 'string').map((r) => [r.item_id, r]));
    for (const id of batch.ids) {
      held.add(id);
      const r = records.get(id);
      if (r) verdicts.set(id, verdictOfRecord(r));
      else if (answer.status === 'FAILED') verdicts.set(id, { id, status: 'disapproved', issues: [{ code: 'FAILED', severity: 'disapproved', message: 'the batch failed without a record for this item' }] });
      else verdicts.set(id, { id, status: 'pending', issues: [] });
    }
  }
  const previous = (await readLatestVerdicts(ctx.stateDir, ctx.feedId))?.items ?? {};
  const items = [...held].sort().map((id) => verdicts.get(id) ?? previous[id] ?? { id, status: 'approved' as const, issues: [] });
  return { source, items };
};
