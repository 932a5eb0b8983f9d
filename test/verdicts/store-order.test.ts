import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLatestVerdicts, readVerdictSummaries, saveVerdicts, verdictsDir } from '../../src/verdicts/store.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('verdict store order', () => {
  it('keeps fetches of one time (a pinned clock) in the order they were made, whatever their run ids', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-verdict-order-'));
    dirs.push(state);
    const at = '2026-01-01T00:00:00.000Z';
    // Run ids that sort against the order of the runs.
    for (const [runId, bad] of [['r-zz', 1], ['r-mm', 2], ['r-aa', 3]] as const) {
      await saveVerdicts(state, { feed: 'g', channel: 'google', source: 's', fetchedAt: at, runId, items: Array.from({ length: bad }, (_, i) => ({ id: `i${i}`, status: 'disapproved' as const, issues: [] })) });
    }
    expect((await readVerdictSummaries(state, 'g')).map((s) => [s.runId, s.counts.disapproved])).toEqual([['r-aa', 3], ['r-mm', 2], ['r-zz', 1]]);
    expect((await readLatestVerdicts(state, 'g'))!.runId).toBe('r-aa');
    expect((await readdir(verdictsDir(state, 'g'))).sort()).toEqual([
      '20260101T000000000Z-000000-r-zz.json', '20260101T000000000Z-000000-r-zz.summary.json',
      '20260101T000000000Z-000001-r-mm.json', '20260101T000000000Z-000001-r-mm.summary.json',
      '20260101T000000000Z-000002-r-aa.json', '20260101T000000000Z-000002-r-aa.summary.json',
    ]);
  });
});
