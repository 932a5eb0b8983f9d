/**
 * Retry timing. Full jitter (a random delay between 0 and an exponentially growing cap) spreads
 * retries of many clients apart; Retry-After from the server always wins over our own guess.
 */

/** Delay before retry number `attempt` (0-based): random in [0, min(maxMs, baseMs * 2^attempt)). */
export function fullJitter(attempt: number, random: () => number, baseMs = 250, maxMs = 20_000): number {
  const cap = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * cap);
}

/**
 * Retry-After as milliseconds: delta-seconds (`120`) or an HTTP date. Undefined when absent or
 * unreadable. Dates in the past give 0.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim();
  if (/^\d+$/.test(t)) return Number(t) * 1000;
  const at = Date.parse(t);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * The clock that quotas and pacing measure waits on: the injected one when the sleep is injected
 * too (tests, where sleeping advances a fake clock), else real time. The clock a command is given
 * may be pinned (SOURCE_DATE_EPOCH, for byte-identical builds): a quota measured on it never
 * refills, and a pacer's waits grow with every request.
 */
export const waitClock = (injectedSleep: Sleep | undefined, now: () => Date): (() => Date) => (injectedSleep ? now : () => new Date());

/** Sleep that ends early (rejecting) when the signal aborts. The default for real runs. */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
