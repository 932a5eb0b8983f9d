import type { Sleep } from './backoff.js';

/**
 * A token bucket for API rate limits (SP-API publishes its limits as rate + burst). take() waits
 * with the injected sleep until a token is there, so tests run through hours of quota instantly.
 */
/** Anything that makes a caller wait for its turn under a quota. */
export interface RateLimit {
  /** Waits until the quota allows one more call, and counts it. */
  take(signal?: AbortSignal): Promise<void>;
}

export interface TokenBucket extends RateLimit {
  /** Tokens available now (fractional). */
  available(): number;
}

export interface TokenBucketOptions {
  /** Burst: the most tokens held. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  now: () => Date;
  sleep: Sleep;
}

export function createTokenBucket(opts: TokenBucketOptions): TokenBucket {
  let tokens = opts.capacity;
  let last = opts.now().getTime();
  const refill = () => {
    const t = opts.now().getTime();
    tokens = Math.min(opts.capacity, tokens + ((t - last) / 1000) * opts.refillPerSecond);
    last = t;
  };
  // Serialize takers, so two callers never both see the same token.
  let queue: Promise<void> = Promise.resolve();
  return {
    take(signal) {
      const next = queue.then(async () => {
        refill();
        while (tokens < 1) {
          await opts.sleep(Math.ceil(((1 - tokens) / opts.refillPerSecond) * 1000), signal);
          refill();
        }
        tokens -= 1;
      });
      queue = next.catch(() => {});
      return next;
    },
    available() {
      refill();
      return tokens;
    },
  };
}

/**
 * At most `max` calls in any `windowMs` (a sliding window): for quotas stated as "N per period",
 * which a token bucket would let through twice at the window's edge.
 */
export function createWindowLimit(opts: { max: number; windowMs: number; now: () => Date; sleep: Sleep }): RateLimit {
  const recent: number[] = [];
  let queue: Promise<void> = Promise.resolve();
  return {
    take(signal) {
      const next = queue.then(async () => {
        for (;;) {
          const t = opts.now().getTime();
          while (recent.length > 0 && recent[0]! <= t - opts.windowMs) recent.shift();
          if (recent.length < opts.max) break;
          await opts.sleep(recent[0]! + opts.windowMs - t, signal);
        }
        recent.push(opts.now().getTime());
      });
      queue = next.catch(() => {});
      return next;
    },
  };
}
