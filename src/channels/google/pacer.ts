import type { Sleep } from '../../http/backoff.js';

/**
 * Spaces request starts evenly, `perMinute` at most, so a large delta stays inside the account's
 * quota instead of running into 429s. The clock and the wait are injected.
 */
export function createPacer(perMinute: number, now: () => Date, sleep: Sleep): () => Promise<void> {
  const gap = 60_000 / perMinute;
  let next = 0;
  return async () => {
    const t = now().getTime();
    const start = Math.max(t, next);
    next = start + gap;
    if (start > t) await sleep(start - t);
  };
}
