import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO } from '../e2e/cli.js';

export const CASES_DIR = path.join(REPO, 'fixtures', 'hostile');

/** One curated case: `fixtures/hostile/<name>/catalog.<ext>` and `expected.json`. */
export interface CuratedCase {
  name: string;
  catalogFile: string;
  ext: string;
  expected: {
    description: string;
    /** Extra lines for the `catalog:` section of shelfcast.yaml (such as `locale: de-DE`). */
    catalog?: string[];
    exitCode: 0 | 1 | 2;
    /** Every error that names a row, exactly (order free). */
    errors?: Array<{ row: number; code: string }>;
    /** Warnings that must be reported (others may be too). */
    warnings?: Array<{ row: number; code: string }>;
    /** The ids every feed holds (order free). */
    ids?: string[];
    /** Feed id -> the ids it holds instead of `ids`, where that channel's rules leave a good row out. */
    feedIds?: Record<string, string[]>;
    /** For run-level failures (exit 2): text stderr must hold. */
    stderr?: string;
  };
}

export async function loadCases(): Promise<CuratedCase[]> {
  const names = (await readdir(CASES_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const files = await readdir(path.join(CASES_DIR, name));
      const catalogFile = files.find((f) => f.startsWith('catalog.'))!;
      const expected = JSON.parse(await readFile(path.join(CASES_DIR, name, 'expected.json'), 'utf8')) as CuratedCase['expected'];
      return { name, catalogFile, ext: catalogFile.slice('catalog.'.length), expected };
    }),
  );
}
