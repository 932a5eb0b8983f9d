import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toCsv, toNdjson, rowNumber } from './catalog-writers.js';
import { checkOutcome, type Expectation } from './check-outcome.js';
import { hostileProject, runBuild } from './hostile-project.js';
import { catalogRows, type GenRow } from './row-arbitraries.js';

/** Catalogs per run; with 240-320 rows each, over 10,000 generated rows. */
const RUNS = 40;
/** Of those, how many also go through the real binary (slower: one node process each). */
const BINARY_EVERY = 8;

/**
 * UTF-8 cannot hold a lone surrogate: written to a CSV file it becomes U+FFFD, which the reader
 * reports as invalid UTF-8 once the file holds real invalid bytes (it cannot tell them apart).
 */
const LONE = /\p{Cs}/u;

function expectation(rows: GenRow[], format: 'csv' | 'ndjson'): Expectation {
  const badRows = new Map<number, string[]>();
  const warnRows = new Map<number, string[]>();
  const ids: string[] = [];
  const invalidBytes = rows.some((r) => r.invalidUtf8);
  rows.forEach((r, i) => {
    const replaced = format === 'csv' && invalidBytes && Object.values(r.cells).some((v) => LONE.test(v));
    const codes = [...(r.bad ?? []), ...(replaced ? ['catalog.encoding.invalid_utf8'] : [])];
    if (codes.length) badRows.set(rowNumber(i, format), codes);
    else {
      if (r.warned) warnRows.set(rowNumber(i, format), r.warned);
      ids.push(r.cells.id);
    }
  });
  return { exitCode: badRows.size > 0 ? 1 : 0, badRows, warnRows, ids };
}

const figures = { catalogs: 0, rows: 0, binaryRuns: 0, crashes: 0, invalidOutputs: 0 };
afterAll(() => {
  console.info(`hostile generated: ${figures.catalogs} catalogs, ${figures.rows} rows, ${figures.binaryRuns} through the binary; crashes ${figures.crashes}, invalid outputs ${figures.invalidOutputs}`);
});

describe('generated hostile catalogs through the real pipeline', () => {
  it(`builds ${RUNS} generated catalogs (over 10,000 rows): no crash, every bad row reported, feeds valid and complete`, async () => {
    // fc.sample rather than fc.assert: a counterexample holds 1 MB fields, and a failing catalog is
    // kept on disk (its folder is named in the failure) instead of being shrunk and printed.
    const cases = fc.sample(fc.tuple(catalogRows, fc.constantFrom('csv' as const, 'ndjson' as const), fc.boolean(), fc.boolean()), { seed: 20261125, numRuns: RUNS });
    for (const [n, [rows, format, bom, crlf]] of cases.entries()) {
      const bytes = format === 'csv' ? toCsv(rows, { bom, crlf }) : toNdjson(rows);
      const dir = await hostileProject(bytes, format);
      const how = n % BINARY_EVERY === 0 ? 'binary' : 'in-process';
      const out = await runBuild(dir, how);
      const problems = await checkOutcome(dir, out, expectation(rows, format));
      figures.catalogs++;
      figures.rows += rows.length;
      if (how === 'binary') figures.binaryRuns++;
      if (out.code === 2 || /internal error/.test(out.stderr)) figures.crashes++;
      if (problems.some((p) => /not well-formed|does not re-read|is not JSON/.test(p))) figures.invalidOutputs++;
      expect(problems.slice(0, 30), `catalog ${n} (${format}, ${how}) kept in ${dir}`).toEqual([]);
      await rm(dir, { recursive: true, force: true });
    }
    expect(figures.rows).toBeGreaterThanOrEqual(10_000);
  }, 600_000);
});
