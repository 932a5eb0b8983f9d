// Baseline: reads the catalog's bytes and does nothing else. argv: FILE
import { createReadStream } from 'node:fs';

let bytes = 0;
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 256 * 1024 })) bytes += chunk.length;
process.stdout.write(JSON.stringify({ bytes }) + '\n');
