import type { Resolve } from '../http/url-policy.js';

/** Options of readCatalog that do not belong in the catalog config (network tuning, mostly for tests). */
export interface ReadOptions {
  /** Per-request timeout for URL catalogs, in milliseconds; default 30000. */
  timeoutMs?: number;
  /** How many times a failing URL is retried before the run fails; default 2. */
  retries?: number;
  /** Base delay between retries, doubled on each attempt, in milliseconds; default 500. */
  retryDelayMs?: number;
  /** Largest nesting depth accepted inside one JSON or XML item; deeper items are record errors. Default 64. */
  maxDepth?: number;
  /** Largest size of one JSON/XML item or NDJSON line, in characters; larger items end the run. Default 16 MiB. */
  maxItemChars?: number;
  /** Host name resolver for URL catalogs; default the system's. Tests inject one so no refused address is ever contacted. */
  resolve?: Resolve;
}

export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_MAX_ITEM_CHARS = 16 * 1024 * 1024;
