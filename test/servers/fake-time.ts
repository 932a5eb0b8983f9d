/**
 * A fake clock whose sleep advances time instantly: clients under test back off and poll for
 * "minutes" without a test ever waiting. `sleeps` records every requested wait.
 */
export interface FakeTime {
  now: () => Date;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  advance: (ms: number) => void;
  sleeps: number[];
}

export function fakeTime(start = Date.UTC(2026, 0, 15, 12, 0, 0)): FakeTime {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => new Date(t),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
    sleeps,
  };
}
