import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, runCli } from './cli.js';

/** The demo catalog with a country_of_origin column: UK on the first row, US on the others. */
async function withOrigin(dir: string): Promise<void> {
  const file = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
  const [header, ...rows] = (await readFile(file, 'utf8')).trimEnd().split('\n');
  await writeFile(file, [`${header},country_of_origin`, ...rows.map((r, i) => `${r},${i === 0 ? 'UK' : 'US'}`)].join('\n') + '\n');
}

describe('a catalog country column with "UK"', () => {
  it('validate warns once on its row with the GB fix, exits 0, and the item is still published', async () => {
    const dir = await demoProject();
    await withOrigin(dir);
    const v = await runCli(['validate'], dir);
    expect(v.code).toBe(0);
    expect(v.stdout + v.stderr).toContain('catalog: 10 items, 10 valid, 0 invalid');
    expect(v.stdout + v.stderr).toContain(
      'row 2, id TEE-RED-S, country_of_origin: country_of_origin "UK" is not an ISO 3166-1 alpha-2 country code; the field is left out, the item stays. Did you mean GB? Write GB in the country_of_origin column.',
    );
    const b = await runCli(['build', '--json'], dir);
    const report = JSON.parse(b.stdout) as { feeds: { id: string; items: number; excluded: number }[] };
    expect(report.feeds.find((f) => f.id === 'google')).toMatchObject({ items: 10, excluded: 0 });
    // No "UK" reaches Amazon, whose country list has GB.
    const amazon = await readFile(path.join(dir, 'out', 'amazon.json'), 'utf8');
    expect(amazon).not.toContain('"UK"');
  });
});
