import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchemas } from '../../src/config/json-schemas.js';

describe('schemas/ is generated from the zod schemas', () => {
  for (const [name, schema] of Object.entries(configJsonSchemas())) {
    it(`${name} is current (run \`npm run schemas\` after changing a config schema)`, async () => {
      const committed = await readFile(path.resolve(__dirname, '../../schemas', name), 'utf8');
      expect(JSON.parse(committed)).toEqual(JSON.parse(JSON.stringify(schema)));
    });
  }
});
