import { afterEach, describe, expect, it } from 'vitest';
import { measure } from '../../bench/measure.js';

// A child that holds 100 MB for a second (long enough for the /proc poller, every 50 ms, on a busy
// machine), so its peak RSS is known to be above that.
const ALLOCATE = ['-e', 'const b = Buffer.alloc(100e6, 1); setTimeout(() => process.exit(b[0] === 1 ? 3 : 4), 1000);'];

describe('bench measure', () => {
  afterEach(() => {
    delete process.env.SHELFCAST_BENCH_NO_GNU_TIME;
  });

  it('reports the peak RSS and exit code of the child (GNU time when installed)', async () => {
    const m = await measure(process.execPath, ALLOCATE);
    expect(m.exitCode).toBe(3);
    expect(m.peakRssBytes).toBeGreaterThan(100e6);
    expect(m.wallSeconds).toBeGreaterThan(0);
  });

  it('falls back to polling /proc when GNU time is not used', async () => {
    process.env.SHELFCAST_BENCH_NO_GNU_TIME = '1';
    const m = await measure(process.execPath, ALLOCATE);
    expect(m.rssSource).toBe('/proc VmHWM');
    expect(m.exitCode).toBe(3);
    expect(m.peakRssBytes).toBeGreaterThan(100e6);
    expect(m.cpuSeconds).toBeNull();
  });
});
