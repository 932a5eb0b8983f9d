// Baseline: parses the catalog with the built fast CSV reader (dist/) and counts records. argv: FILE
import { createReadStream } from 'node:fs';
import { csvRecordBatches } from '../../dist/catalog/fast-csv/read-records.js';

const file = process.argv[2];
const open = () => createReadStream(file, { highWaterMark: 256 * 1024 });
let records = 0;
for await (const batch of csvRecordBatches(open(), { delimiter: ',', reopen: open })) records += batch.length;
process.stdout.write(JSON.stringify({ rows: records - 1 }) + '\n');
