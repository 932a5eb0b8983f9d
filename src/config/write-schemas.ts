import { mkdir, writeFile } from 'node:fs/promises';
import { configJsonSchemas } from './json-schemas.js';

/** `npm run schemas`: regenerates schemas/*.json from the zod schemas. */
const dir = new URL('../../schemas/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const [name, schema] of Object.entries(configJsonSchemas())) {
  await writeFile(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`);
}
