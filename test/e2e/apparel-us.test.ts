import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, runCli } from './cli.js';

interface Issue { code: string; feed?: string; row?: number; id?: string; field?: string; fix?: string; severity: string }
interface Feed { id: string; excluded: number; items: number; status: string }

/**
 * The demo catalog is apparel (T-shirts, google_product_category 212) sold in the US. Its first
 * row loses color, size, gender and age_group: Google disapproves such an item, so the Google
 * feed leaves it out with one code per field (the other channels of the demo keep it).
 */
describe('apparel for the US: Google requires color, gender, age_group and size', () => {
  it('build names each missing field on its row, with a fix, and leaves the item out of google only', async () => {
    const dir = await demoProject();
    const file = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines[1]).toContain(',TEE,Red,S,unisex,adult,');
    lines[1] = lines[1]!.replace(',TEE,Red,S,unisex,adult,', ',TEE,,,,,');
    await writeFile(file, lines.join('\n'));

    // validate checks the catalog itself: these fields are optional there.
    expect((await runCli(['validate', '--json'], dir)).code).toBe(0);

    const r = await runCli(['build', '--json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { issues: Issue[]; feeds: Feed[] };
    const apparel = doc.issues.filter((i) => i.code.endsWith('.apparel_missing'));
    expect(apparel.map((i) => [i.code, i.feed, i.row, i.id, i.field])).toEqual([
      ['google.color.apparel_missing', 'google', 2, 'TEE-RED-S', 'color'],
      ['google.gender.apparel_missing', 'google', 2, 'TEE-RED-S', 'gender'],
      ['google.age_group.apparel_missing', 'google', 2, 'TEE-RED-S', 'age_group'],
      ['google.size.apparel_missing', 'google', 2, 'TEE-RED-S', 'size'],
    ]);
    for (const i of apparel) expect(i.fix).toMatch(/column/);
    expect(doc.feeds.find((f) => f.id === 'google')).toMatchObject({ items: 9, excluded: 1 });
    const xml = await readFile(path.join(dir, 'out', 'google.xml'), 'utf8');
    expect(xml).not.toContain('<g:id>TEE-RED-S</g:id>');
    expect(xml).toContain('<g:id>TEE-RED-M</g:id>');
  });
});
