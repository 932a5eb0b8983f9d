import type { ChannelDefinition } from './define-channel.js';

/**
 * Every channel, by id. Explicit and lazily imported: adding a channel means adding one line here
 * and one file beside this one; nothing scans the filesystem at run time.
 */
const loaders = {
  google: () => import('./google.js'),
  microsoft: () => import('./microsoft.js'),
  meta: () => import('./meta.js'),
  pinterest: () => import('./pinterest.js'),
  tiktok: () => import('./tiktok.js'),
  snapchat: () => import('./snapchat.js'),
  idealo: () => import('./idealo.js'),
  csv: () => import('./csv.js'),
  json: () => import('./json.js'),
  amazon: () => import('./amazon.js'),
  ebay: () => import('./ebay.js'),
  'google-local': () => import('./google-local/index.js'),
} satisfies Record<string, () => Promise<{ default: ChannelDefinition<any> }>>;

export type ChannelId = keyof typeof loaders;
export const CHANNEL_IDS = Object.keys(loaders) as ChannelId[];

export const isChannelId = (id: string): id is ChannelId => Object.hasOwn(loaders, id);

export async function loadChannel(id: ChannelId): Promise<ChannelDefinition<any>> {
  const mod = await loaders[id]();
  return mod.default;
}
