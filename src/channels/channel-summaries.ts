import { readFile } from 'node:fs/promises';
import type { ChannelDefinition } from './define-channel.js';
import type { CapabilityJson } from './docs/capability-table.js';

/** What `shelfcast channels` lists of a channel. */
export interface ChannelSummary {
  id: string;
  title: string;
  kind: ChannelDefinition<any>['kind'];
  /** Format ids, as feed files name them. */
  formats: string[];
  /** From the registry and the definition (capabilitiesOf), as `--json` prints them. */
  capabilities: CapabilityJson;
}

/** Written beside the bundle by `npm run build` (scripts/bundle.mjs), from the channels themselves. */
export const SUMMARIES_FILE = 'channel-summaries.json';

/**
 * Every channel's summary, in registry order. Why a file: loading the eleven channel modules and
 * the registry (whose destination schemas need zod) is twice the CPU of the rest of
 * `shelfcast channels` (BENCHMARKS.md, start-up); the build writes their summaries once. Without
 * the file (the sources run directly, as in tests) the channels are loaded.
 */
export async function channelSummaries(): Promise<ChannelSummary[]> {
  try {
    return JSON.parse(await readFile(new URL(`./${SUMMARIES_FILE}`, import.meta.url), 'utf8')) as ChannelSummary[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return (await import('./summarize-channels.js')).summarizeChannels();
}
