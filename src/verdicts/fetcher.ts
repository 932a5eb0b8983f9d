import type { Sleep } from '../http/backoff.js';
import type { ItemVerdict } from './model.js';

/** What a channel's verdict reader gets: the feed, the secrets' environment, the clock. */
export interface VerdictContext {
  feedId: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  log: (line: string) => void;
  /** The state folder (readers of batch channels find their batch handles there). */
  stateDir: string;
  /** The feed's channel options after the channel's schema (Amazon's reader needs its sellerId). */
  options?: Record<string, unknown>;
  /** Test seams: the wait between retries and the jitter; default real ones. */
  sleep?: Sleep;
  random?: () => number;
}

export interface FetchedVerdicts {
  /** The API as shown to people, without secrets. */
  source: string;
  items: ItemVerdict[];
}

/**
 * A channel's reader of its own item-level verdicts (src/channels/<id>/verdicts.ts), for the
 * destination config of the feed's API push.
 */
export type FetchVerdicts = (destination: any, ctx: VerdictContext) => Promise<FetchedVerdicts>;
