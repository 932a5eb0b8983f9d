import { readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, runCli } from './cli.js';

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('bad input gets a clear message and the right exit code', () => {
  it('a misspelt channel is a config error naming the file, the path and a suggestion (exit 2)', async () => {
    const dir = await demoProject();
    await writeFile(path.join(dir, 'feeds', 'google.yaml'), 'channel: gogle\nformat: xml\n');
    const r = await runCli(['run'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('feeds/google.yaml: channel: unknown channel "gogle" (did you mean "google"?)');
    noStack(r.stderr);
  });

  it('a wrong type names the dot path (exit 2)', async () => {
    const dir = await demoProject();
    await writeFile(path.join(dir, 'feeds', 'meta.yaml'), 'channel: meta\ncountry: usa\n');
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/feeds\/meta\.yaml: country: .*ISO 3166-1/);
  });

  it('a missing project file says how to create one (exit 2)', async () => {
    const dir = path.join(os.tmpdir(), `shelfcast-empty-${process.pid}`);
    await mkdir(dir, { recursive: true });
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shelfcast.yaml');
    expect(r.stderr).toContain('shelfcast init');
    noStack(r.stderr);
  });

  it('an unknown command or option is a usage error (exit 2)', async () => {
    const dir = await demoProject();
    expect((await runCli(['bulid'], dir)).code).toBe(2);
    expect((await runCli(['run', '--bogus'], dir)).code).toBe(2);
    const f = await runCli(['run', '--feed', 'gogle'], dir);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain('did you mean "google"');
  });

  it('invalid rows are reported with row, id, field and code, left out of the feeds (exit 1)', async () => {
    const dir = await demoProject();
    const file = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
    const lines = (await readFile(file, 'utf8')).split('\n');
    // Row 3 (second product): a price that is not a price (the item is left out); row 4 a bad GTIN
    // check digit (an optional field: left out of the item with a warning, the item stays).
    lines[2] = lines[2]!.replace('24.00 USD', 'twelve dollars');
    lines[3] = lines[3]!.replace('00012345600036', '00012345600037');
    await writeFile(file, lines.join('\n'));
    const r = await runCli(['validate', '--json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.items).toEqual({ total: 10, valid: 9, invalid: 1, unpublished: 0 });
    const price = doc.issues.find((i: { field: string }) => i.field === 'price');
    expect(price).toMatchObject({ severity: 'error', row: 3, id: 'TEE-RED-M' });
    const gtin = doc.issues.find((i: { field: string }) => i.field === 'gtin');
    expect(gtin).toMatchObject({ severity: 'warning', row: 4, id: 'TEE-BLU-M' });
    const human = await runCli(['run'], dir);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/row 3/);
    const feed = await readFile(path.join(dir, 'out', 'google.xml'), 'utf8');
    expect(feed).not.toContain('TEE-RED-M');
    expect(feed).toContain('TEE-RED-S');
    expect(feed).toContain('TEE-BLU-M');
    expect(feed).not.toContain('00012345600037');
  });

  it('--fail-on warning turns warnings into exit 1', async () => {
    const dir = await demoProject();
    const file = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
    const text = await readFile(file, 'utf8');
    // A control character in a title is removed with a warning.
    await writeFile(file, text.replace('Stoneware Coffee Mug', 'Stoneware\u0007 Coffee Mug'));
    expect((await runCli(['validate'], dir)).code).toBe(0);
    expect((await runCli(['validate', '--fail-on', 'warning'], dir)).code).toBe(1);
  });
});
