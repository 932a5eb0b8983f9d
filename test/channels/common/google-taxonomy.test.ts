import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { googleCategoryCount, resolveGoogleCategory, GOOGLE_TAXONOMY_VERSION } from '../../../src/channels/common/google-taxonomy.js';
import { renderTaxonomyModule } from '../../../scripts/generate-google-taxonomy.mjs';

const SOURCE = path.resolve(__dirname, '../../../../shared/specs/google/taxonomy/taxonomy-with-ids.en-US.2021-09-21.utf8-fixed.txt');
const MODULE = path.resolve(__dirname, '../../../src/channels/common/google-taxonomy-data.ts');

describe('google taxonomy module', () => {
  const source = readFileSync(SOURCE, 'utf8');

  it('is current: regenerating it from the taxonomy file gives the committed module', () => {
    expect(renderTaxonomyModule(source) === readFileSync(MODULE, 'utf8'), 'run: node scripts/generate-google-taxonomy.mjs').toBe(true);
  });

  it('resolves every id and every full path of the source file', () => {
    const lines = source.split('\n').slice(1).filter(Boolean);
    expect(googleCategoryCount()).toBe(lines.length);
    expect(GOOGLE_TAXONOMY_VERSION).toBe('2021-09-21');
    for (const line of lines) {
      const [, id, fullPath] = /^(\d+) - (.+)$/.exec(line)!;
      expect(resolveGoogleCategory(id!)).toEqual({ id, path: fullPath });
      expect(resolveGoogleCategory(fullPath!)?.id).toBe(id);
    }
  });

  it('ignores case and spacing around ">" and rejects unknown values', () => {
    expect(resolveGoogleCategory('  apparel & accessories >clothing>  DRESSES ')?.id).toBe('2271');
    expect(resolveGoogleCategory('Apparel & Accessories > Nonsense')).toBeUndefined();
    expect(resolveGoogleCategory('0')).toBeUndefined();
  });

  it('resolves ids from the data before any path is asked for, with the same objects a path lookup gives', async () => {
    // A fresh module: nothing read yet, so ids are found in the data line by line.
    vi.resetModules();
    const fresh = await import('../../../src/channels/common/google-taxonomy.js');
    const first = fresh.resolveGoogleCategory('1');
    expect(first).toEqual({ id: '1', path: 'Animals & Pet Supplies' });
    const watchBands = fresh.resolveGoogleCategory('5123');
    expect(watchBands).toEqual({ id: '5123', path: 'Apparel & Accessories > Jewelry > Watch Accessories > Watch Bands' });
    expect(fresh.resolveGoogleCategory('5644')?.path).toBe('Vehicles & Parts > Vehicles > Watercraft > Yachts');
    expect(fresh.resolveGoogleCategory('51')).toBeUndefined();
    expect(fresh.googleAncestry(watchBands!)).toEqual(['5123', '5122', '188', '166']);
    expect(fresh.googleAncestry(first!)).toEqual(['1']);
    // The path index, built now, holds the objects already handed out (apparel rules key on them).
    expect(fresh.resolveGoogleCategory('Apparel & Accessories > Jewelry > Watch Accessories > Watch Bands')).toBe(watchBands);
    expect(fresh.resolveGoogleCategory('Apparel & Accessories > Jewelry > Watch Accessories')?.id).toBe('5122');
  });
});
