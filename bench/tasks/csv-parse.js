// Baseline: parses the catalog with csv-parse (the options the CSV reader uses) and counts records. argv: FILE
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const parser = createReadStream(process.argv[2], { highWaterMark: 256 * 1024 }).pipe(
  parse({ delimiter: ',', relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }),
);
let records = 0;
for await (const record of parser) records += record.length > 0 ? 1 : 0;
process.stdout.write(JSON.stringify({ rows: records - 1 }) + '\n');
