/** The scheduler's notion of time, injected so tests move time by hand instead of waiting. */
export interface SchedulerClock {
  now(): Date;
  /** Resolves at `until` (at once when it is past), or as soon as `signal` aborts. */
  sleepUntil(until: Date, signal: AbortSignal): Promise<void>;
}

/**
 * Wakes at least once a minute and looks at the wall clock again, so a suspended laptop or a
 * clock set forward does not leave the scheduler sleeping past a due run.
 */
const MAX_NAP_MS = 60_000;

/** Real time: `Date` and `setTimeout`. */
export const realClock: SchedulerClock = {
  now: () => new Date(),
  sleepUntil(until, signal) {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const nap = () => {
        const left = until.getTime() - Date.now();
        if (left <= 0 || signal.aborted) return done();
        timer = setTimeout(nap, Math.min(left, MAX_NAP_MS));
      };
      signal.addEventListener('abort', done, { once: true });
      nap();
    });
  },
};
