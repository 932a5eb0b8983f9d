import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutcome } from './check-outcome.js';
import { CASES_DIR, loadCases, type CuratedCase } from './curated-case.js';
import { crashSigns, hostileProject, outFiles, report, runBuild } from './hostile-project.js';

/** Every n-th case also runs through the real binary (the others in-process, through the same main). */
const BINARY_EVERY = 5;
const cases = await loadCases();
const key = (i: { row?: number; code: string }) => `${i.row} ${i.code}`;

describe('curated hostile catalogs (fixtures/hostile)', () => {
  const tried: string[] = [];
  afterAll(() => console.info(`hostile curated: ${tried.length} cases, all outcomes as expected`));

  it('holds at least 50 named cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases.map((c, n) => [c.name, c, n] as const))('%s', async (_name, c: CuratedCase, n: number) => {
    const want = c.expected;
    const dir = await hostileProject(await readFile(path.join(CASES_DIR, c.name, c.catalogFile)), c.ext, want.catalog);
    try {
      const out = await runBuild(dir, n % BINARY_EVERY === 0 ? 'binary' : 'in-process');
      expect(crashSigns(out)).toEqual([]);
      expect(out.code, out.stderr).toBe(want.exitCode);
      if (want.exitCode === 2) {
        // A run-level failure names the catalog file and writes no feed at all.
        expect(out.stderr).toContain(want.stderr!);
        expect(out.stderr).toContain(c.catalogFile);
        expect(await outFiles(dir)).toEqual([]);
      } else {
        const doc = report(out)!;
        const errors = doc.issues.filter((i) => i.severity === 'error' && i.row !== undefined).map(key);
        expect([...new Set(errors)].sort()).toEqual(want.errors!.map(key).sort());
        const warnings = new Set(doc.issues.filter((i) => i.severity === 'warning').map(key));
        for (const w of want.warnings!) expect(warnings, `warning ${key(w)}`).toContain(key(w));
        const badRows = new Map<number, string[]>();
        for (const e of want.errors!) badRows.set(e.row, [...(badRows.get(e.row) ?? []), e.code]);
        // Feeds parse strictly, re-read to the same values and hold exactly the good ids.
        expect(await checkOutcome(dir, out, { exitCode: want.exitCode, badRows, ids: want.ids!, feedIds: want.feedIds })).toEqual([]);
      }
      tried.push(c.name);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
