import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsonIfExists } from '../../src/util/read-if-exists.js';
import { readPublishedSummary } from '../../src/run/published-summary.js';
import { ShelfcastError } from '../../src/issues/issue.js';
import { feedStateDir, SUMMARY_FILE } from '../../src/run/state-paths.js';
import { readRuns, runsDir } from '../../src/run/history.js';

describe('readJsonIfExists', () => {
  it('is undefined for a missing file and parses a present one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-json-'));
    expect(await readJsonIfExists(path.join(dir, 'none.json'), 'the thing', 'fix it')).toBeUndefined();
    await writeFile(path.join(dir, 'a.json'), '{"a":1}');
    expect(await readJsonIfExists(path.join(dir, 'a.json'), 'the thing', 'fix it')).toEqual({ a: 1 });
  });

  it('names the file, what it holds and the fix for a damaged file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sc-json-'));
    const file = path.join(dir, 'b.json');
    await writeFile(file, '{"a":');
    const err = await readJsonIfExists(file, 'the thing', 'delete it').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShelfcastError);
    expect((err as Error).message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the thing is not valid JSON \\(.+\\); delete it$`));
  });

  it('a damaged published record of a feed is a user-facing error, not a SyntaxError', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'sc-state-'));
    await mkdir(feedStateDir(state, 'google'), { recursive: true });
    await writeFile(path.join(feedStateDir(state, 'google'), SUMMARY_FILE), '');
    const err = await readPublishedSummary(state, 'google').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShelfcastError);
    expect((err as Error).message).toContain('feed "google" last published');
    expect((err as Error).message).toContain('delete it');
  });
});

describe('history with a damaged run record', () => {
  it('names the file and the fix instead of a SyntaxError', async () => {
    const state = await mkdtemp(path.join(os.tmpdir(), 'sc-hist-'));
    await mkdir(runsDir(state), { recursive: true });
    const file = path.join(runsDir(state), '2026-12-07T10-00-00Z.json');
    await writeFile(file, '{"runId": "r1", "star');
    const err = await readRuns(state).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShelfcastError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toContain('the record of a past run is not valid JSON');
    expect((err as Error).message).toContain('delete it');
  });
});
