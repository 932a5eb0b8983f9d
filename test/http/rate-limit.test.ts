import { describe, expect, it } from 'vitest';
import { createTokenBucket, createWindowLimit, waitClock } from '../../src/http/index.js';
import { fakeTime } from '../servers/fake-time.js';

describe('createTokenBucket', () => {
  it('lets a burst through, then paces callers at the refill rate', async () => {
    const t = fakeTime();
    const bucket = createTokenBucket({ capacity: 3, refillPerSecond: 0.5, now: t.now, sleep: t.sleep });
    const at: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => bucket.take().then(() => at.push(t.now().getTime()))));
    const start = at[0]!;
    expect(at.map((x) => x - start)).toEqual([0, 0, 0, 2000, 4000]);
  });

  it('refills while idle, up to its capacity', async () => {
    const t = fakeTime();
    const bucket = createTokenBucket({ capacity: 2, refillPerSecond: 1, now: t.now, sleep: t.sleep });
    await bucket.take();
    await bucket.take();
    expect(bucket.available()).toBe(0);
    t.advance(10_000);
    expect(bucket.available()).toBe(2);
  });
});

describe('createWindowLimit', () => {
  it('allows at most max calls in any window', async () => {
    const t = fakeTime();
    const limit = createWindowLimit({ max: 5, windowMs: 300_000, now: t.now, sleep: t.sleep });
    const at: number[] = [];
    for (let i = 0; i < 12; i++) {
      await limit.take();
      at.push(t.now().getTime());
      t.advance(1000);
    }
    for (let i = 5; i < at.length; i++) expect(at[i]! - at[i - 5]!).toBeGreaterThanOrEqual(300_000);
    expect(at[4]! - at[0]!).toBe(4000);
  });
});

describe('waitClock', () => {
  it('measures quotas on the injected clock only when the sleep is injected too; a pinned clock (SOURCE_DATE_EPOCH) is never used for waits', () => {
    const pinned = new Date('2001-01-01T00:00:00Z');
    const t = fakeTime();
    expect(waitClock(t.sleep, () => pinned)()).toBe(pinned);
    const real = waitClock(undefined, () => pinned);
    expect(real().getTime()).toBeGreaterThan(pinned.getTime());
    // A bucket on the real clock of a pinned run: its first token is there, and its refill is real time, not the pin.
    expect(createTokenBucket({ capacity: 1, refillPerSecond: 1, now: real, sleep: t.sleep }).available()).toBe(1);
  });
});
