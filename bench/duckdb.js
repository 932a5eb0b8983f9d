// Finds `@duckdb/node-api` for the bench's second anchor without making it a dependency: first in
// the folder given by --duckdb or SHELFCAST_BENCH_DUCKDB (e.g. after
// `npm install --prefix /tmp/duckdb @duckdb/node-api`), then from the repository itself.
import { createRequire } from 'node:module';
import path from 'node:path';

/** The path of the package's entry file, or null when DuckDB is not installed where we look. */
export function findDuckdb(root, dir = process.env.SHELFCAST_BENCH_DUCKDB) {
  const bases = [...(dir ? [path.resolve(dir, 'package.json')] : []), path.join(root, 'package.json')];
  for (const base of bases) {
    try {
      return createRequire(base).resolve('@duckdb/node-api');
    } catch {
      // not installed there
    }
  }
  return null;
}
