import { hashesFile, loadHashes } from '../run/deltas.js';
import type { FeedPlan } from '../rules/record-diff.js';

/** The state key of each API destination's item hashes (ChannelApi.key). */
const API_KEYS: Record<string, string> = { 'google-merchant': 'google-merchant', meta: 'meta', pinterest: 'pinterest', amazon: 'amazon', ebay: 'ebay' };

/** What the next push of an API feed would do to the channel's items. */
export interface ApiPlan {
  destination: string;
  create: string[];
  update: string[];
  delete: string[];
  /** Items the channel holds as they are. */
  unchanged: number;
}

/**
 * The API side of a plan: items the channel does not hold yet are created, held items whose
 * record changed are updated, held items gone from the feed are deleted (by the run, once the
 * publish guard lets it through). `nextIds` are the ids the next feed sends, derived items (Amazon's
 * variation parents) included. Held means acknowledged by the channel (the item hashes), so
 * an item a push failed to send shows as created again. Undefined for destinations without items.
 */
export async function apiPlan(destinationType: string | undefined, stateDir: string, feedId: string, nextIds: ReadonlySet<string>, plan: FeedPlan): Promise<ApiPlan | undefined> {
  const key = destinationType ? API_KEYS[destinationType] : undefined;
  if (!key) return undefined;
  const held = await loadHashes(hashesFile(stateDir, feedId, key));
  const changed = new Set(plan.changed.map((c) => c.id));
  const create = [...nextIds].filter((id) => !held.has(id));
  const update = [...nextIds].filter((id) => held.has(id) && changed.has(id));
  const remove = [...held.keys()].filter((id) => !nextIds.has(id));
  return { destination: destinationType!, create, update, delete: remove, unchanged: nextIds.size - create.length - update.length };
}
