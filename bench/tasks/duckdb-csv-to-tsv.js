// Second anchor: DuckDB (`@duckdb/node-api`, two threads) turns the catalog CSV into TSV. DuckDB is
// not a dependency of shelfcast: the bench runs this task only when bench/duckdb.js finds the
// package (in a folder given by --duckdb or SHELFCAST_BENCH_DUCKDB, or resolvable from the repo).
// argv: MODULE_PATH CSV_FILE TSV_FILE
import { pathToFileURL } from 'node:url';

const [modulePath, file, out] = process.argv.slice(2);
const { DuckDBInstance } = await import(pathToFileURL(modulePath).href);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await instance.connect();
const quote = (s) => `'${s.replaceAll("'", "''")}'`;
// Every column as text, as shelfcast and the peer read them: no type sniffing changes a value.
await connection.run(
  `COPY (SELECT * FROM read_csv(${quote(file)}, header = true, all_varchar = true, quote = '"', escape = '"')) ` +
    `TO ${quote(out)} (FORMAT csv, DELIMITER '\t', HEADER true)`,
);
const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_csv(${quote(out)}, delim = '\t', header = true, all_varchar = true)`);
process.stdout.write(JSON.stringify({ rows: reader.getRowObjects()[0].n }) + '\n');
