import type { ChannelDefinition } from './define-channel.js';

/**
 * Every channel, by id. Explicit and lazily imported: adding a channel means adding one line here
 * and one file beside this one; nothing scans the filesystem at run time.
 */
const loaders = {
  google: () => import('./google/index.js'),
  microsoft: () => import('./microsoft/index.js'),
  meta: () => import('./meta/index.js'),
  pinterest: () => import('./pinterest/index.js'),
  tiktok: () => import('./tiktok/index.js'),
  snapchat: () => import('./snapchat/index.js'),
  idealo: () => import('./idealo/index.js'),
  csv: () => import('./csv/index.js'),
  json: () => import('./json/index.js'),
  amazon: () => import('./amazon/index.js'),
  ebay: () => import('./ebay/index.js'),
} satisfies Record<string, () => Promise<{ default: ChannelDefinition<any> }>>;

export type ChannelId = keyof typeof loaders;
export const CHANNEL_IDS = Object.keys(loaders) as ChannelId[];

export const isChannelId = (id: string): id is ChannelId => Object.hasOwn(loaders, id);

export async function loadChannel(id: ChannelId): Promise<ChannelDefinition<any>> {
  const mod = await loaders[id]();
  return mod.default;
}
