import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, type LoadedFeed } from '../../src/config/load.js';
import { buildFeeds } from '../../src/run/build-feeds.js';
import { expandMatrix } from '../../src/rules/expand-matrix.js';

const PROJECT = path.resolve(__dirname, '../../fixtures/rules/matrix');

/** The loaded feeds with every matrix expanded, as the project loader does with expandMatrix. */
function expand(feeds: LoadedFeed[]): LoadedFeed[] {
  return feeds.flatMap((feed) =>
    expandMatrix(feed.config, feed.id, feed.file).map(({ id, config }) => ({ ...feed, id, config, fileName: config.file ?? `${id}.${feed.format.ext}` })),
  );
}

describe('a feed with a matrix of three countries', () => {
  it('writes three feeds, each priced from its own price list', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-matrix-'));
    await cp(PROJECT, dir, { recursive: true });
    const project = await loadProject(path.join(dir, 'shelfcast.yaml'));
    const feeds = expand(project.feeds);
    const out = path.join(dir, 'out');
    const result = await buildFeeds({ ...project, feeds }, feeds, { cwd: dir, outDir: out, now: new Date('2026-01-01T00:00:00Z'), snapshot: false });
    for (const b of result.feeds) await b.output.commit();
    expect((await readdir(out)).sort()).toEqual(['google-ch.xml', 'google-de.xml', 'google-us.xml']);
    expect(result.feeds.map((b) => [b.feed.id, b.items, b.filtered])).toEqual([
      ['google-us', 2, 0],
      ['google-de', 2, 0],
      ['google-ch', 1, 1],
    ]);
    const us = await readFile(path.join(out, 'google-us.xml'), 'utf8');
    const de = await readFile(path.join(out, 'google-de.xml'), 'utf8');
    const ch = await readFile(path.join(out, 'google-ch.xml'), 'utf8');
    expect(us).toContain('<g:price>23.99 USD</g:price>');
    expect(us).toContain('<g:sale_price>19.00 USD</g:sale_price>');
    expect(de).toContain('<g:price>21.99 EUR</g:price>');
    expect(de).toContain('<g:sale_price>18.00 EUR</g:sale_price>');
    expect(de).toContain('<g:price>10.99 EUR</g:price>');
    expect(de).not.toContain('USD');
    expect(ch).toContain('<g:price>22.99 CHF</g:price>');
    expect(ch).not.toContain('<g:sale_price>');
    expect(ch).not.toContain('MUG-1');
  });
});
