import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, REPO, runCli } from './cli.js';

const GOLDEN = path.join(REPO, 'fixtures', 'demo', 'golden-cli');

async function golden(name: string, text: string): Promise<void> {
  if (process.env.UPDATE_GOLDEN) {
    await mkdir(GOLDEN, { recursive: true });
    await writeFile(path.join(GOLDEN, name), text);
  }
  expect(text).toBe(await readFile(path.join(GOLDEN, name), 'utf8'));
}

describe('explain and plan on the demo project', () => {
  it('explain shows the product, every rule of the feed, the record and the verdict', async () => {
    const dir = await demoProject();
    const r = await runCli(['explain', 'TEE-BLU-M', '--feed', 'meta'], dir);
    expect(r.code, r.stderr).toBe(0);
    await golden('explain-tee-blu-m-meta.txt', r.stdout);
    const out = await runCli(['explain', 'TEE-BLU-L', '--feed', 'meta'], dir);
    await golden('explain-tee-blu-l-meta.txt', out.stdout);
    expect(out.stdout).toContain('sold-out items are not advertised');
  });

  it('plan lists what the next run changes against the last published feeds, field by field', async () => {
    const dir = await demoProject();
    expect((await runCli(['run'], dir)).code).toBe(0);
    const file = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('18.50 USD', '19.50 USD').replace(/^NOTEBOOK-A5.*\n/m, ''));
    const r = await runCli(['plan'], dir);
    expect(r.code, r.stderr).toBe(0);
    await golden('plan-after-change.txt', r.stdout);
    const json = JSON.parse((await runCli(['plan', '--json'], dir)).stdout);
    const google = json.feeds.find((f: { feed: string }) => f.feed === 'google');
    expect(google.counts).toMatchObject({ added: 0, removed: 1, changed: 1, unchanged: 8 });
    expect(google.removed).toEqual(['NOTEBOOK-A5']);
    // The published feed is untouched by plan.
    expect(await readFile(path.join(dir, 'out', 'google.xml'), 'utf8')).toContain('NOTEBOOK-A5');
  });
});
