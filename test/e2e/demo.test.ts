import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { demoProject, REPO, runCli } from './cli.js';

const GOLDEN = path.join(REPO, 'fixtures', 'demo', 'golden');

function parseXmlStrictly(text: string): number {
  const parser = new SaxesParser({ xmlns: true });
  let items = 0;
  parser.on('opentag', (t) => {
    if (t.name === 'item') items++;
  });
  parser.write(text).close();
  return items;
}

describe('the demo project, through the built CLI', () => {
  it('runs with exit 0 and writes feeds byte-equal to the golden files', async () => {
    const dir = await demoProject();
    const r = await runCli(['run'], dir);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(r.code).toBe(0);
    const files = (await readdir(path.join(dir, 'out'))).filter((f) => !f.startsWith('.')).sort();
    expect(files).toContain('google.xml');
    expect(files).toContain('meta.csv');
    for (const f of files) {
      const text = await readFile(path.join(dir, 'out', f), 'utf8');
      if (process.env.UPDATE_GOLDEN) {
        await mkdir(GOLDEN, { recursive: true });
        await writeFile(path.join(GOLDEN, f), text);
      }
      expect(text, f).toBe(await readFile(path.join(GOLDEN, f), 'utf8'));
    }
    const google = await readFile(path.join(dir, 'out', 'google.xml'), 'utf8');
    expect(parseXmlStrictly(google)).toBe(10);
    const meta = parseCsv(await readFile(path.join(dir, 'out', 'meta.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    // The meta feed's first rule leaves sold-out items out; the others shape titles and labels.
    expect(meta).toHaveLength(9);
    expect(meta.map((m) => m.id)).not.toContain('TEE-BLU-L');
    expect(new Set(meta.map((m) => m.availability))).toContain('in stock');
    expect(meta.find((m) => m.id === 'MUG-STONE')).toMatchObject({ title: 'Harbor & Kiln Stoneware Coffee Mug 350 ml - Sand', custom_label_1: 'under-25' });
  });

  it('writes the same golden feeds with worker threads (--workers 2), and refuses a bad --workers', async () => {
    const dir = await demoProject();
    const r = await runCli(['build', '--workers', '2'], dir);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    for (const f of (await readdir(path.join(dir, 'out'))).filter((n) => !n.startsWith('.'))) {
      expect(await readFile(path.join(dir, 'out', f), 'utf8'), f).toBe(await readFile(path.join(GOLDEN, f), 'utf8'));
    }
    const bad = await runCli(['build', '--workers', 'many'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers.*whole number from 0/);
  });

  it('prints one JSON document for run --json and records the run', async () => {
    const dir = await demoProject();
    const r = await runCli(['run', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.items).toEqual({ total: 10, valid: 10, invalid: 0, unpublished: 0 });
    expect(doc.feeds.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['google', 'meta']));
    expect(r.stderr).toBe('');
    const runs = await readdir(path.join(dir, '.shelfcast', 'runs'));
    expect(runs).toHaveLength(1);
  });

  it('validates with --json in the documented shape', async () => {
    const dir = await demoProject();
    const r = await runCli(['validate', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, items: { total: 10, valid: 10, invalid: 0 } });
    expect(Array.isArray(doc.issues)).toBe(true);
  });

  it('builds only the feeds asked for, and a dry run replaces nothing', async () => {
    const dir = await demoProject();
    const r = await runCli(['build', '--feed', 'google', '--dry-run'], dir);
    expect(r.code).toBe(0);
    await expect(readdir(path.join(dir, 'out'))).resolves.toEqual([]);
    const b = await runCli(['build', '--feed', 'google'], dir);
    expect(b.code).toBe(0);
    expect((await readdir(path.join(dir, 'out'))).filter((f) => !f.startsWith('.'))).toEqual(['google.xml']);
  });
});
