import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations } from '../../src/report/github-annotations.js';
import { sampleRun } from './sample-run.js';

const lines = new Map([[3, 3], [9, 9], [4, 4]]);
const files = { catalog: 'shop/catalog.csv', lines, feeds: { google: 'shop/feeds/google.yaml', meta: 'shop/feeds/meta.yaml' } };

describe('GitHub workflow annotations', () => {
  it('escapes data and properties the way the runner decodes them', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });

  it('prints one ::error per example of each error code, pointing at the catalog line or the feed file', () => {
    const lines = githubAnnotations(sampleRun(), files);
    expect(lines).toEqual([
      '::error file=shop/catalog.csv,line=3,title=price.invalid::row 3, id A<1>, price: price "<script>alert(1)</script>": not a price, 100%25 wrong%0D%0Asecond line%0Afix: Write a price such as 12.99 USD.',
      '::error file=shop/catalog.csv,line=9,title=price.invalid::row 9, id B, price: price "": missing%0Afix: Write a price such as 12.99 USD.',
      '::error file=shop/catalog.csv,line=4,title=google%3A google.image_link.missing::row 4, id C, image_link: image_link is required by google%0Afix: Fill in image_link.',
      '::error file=shop/feeds/meta.yaml,title=meta%3A guard.drop::the feed would drop from 10 to 1 items, more than 20%25',
    ]);
    for (const l of lines) expect(l).not.toMatch(/[\r\n]/);
  });

  it('writes the physical line a row begins on, which a quoted field with line breaks moves', () => {
    const moved = githubAnnotations(sampleRun(), { ...files, lines: new Map([[3, 5], [9, 14], [4, 8]]) });
    expect(moved.slice(0, 3).map((l) => /line=(\d+)/.exec(l)![1])).toEqual(['5', '14', '8']);
    expect(moved[0]).toContain('::row 3, id A<1>');
  });

  it('gives no line number when rows are not lines (JSON, XML) and no file for a remote catalog', () => {
    const lines = githubAnnotations(sampleRun(), { ...files, lines: new Map() });
    expect(lines[0]).toMatch(/^::error file=shop\/catalog.csv,title=price.invalid::/);
    const remote = githubAnnotations(sampleRun(), { ...files, catalog: undefined });
    expect(remote[0]).toMatch(/^::error title=price.invalid::row 3/);
  });

  it('stops at 50 annotations', () => {
    const run = sampleRun();
    run.catalog!.issueCodes = Array.from({ length: 30 }, (_, i) => ({ code: `c${i}`, severity: 'error' as const, count: 3, examples: [{ row: i, message: 'a' }, { row: i, message: 'b' }, { row: i, message: 'c' }] }));
    expect(githubAnnotations(run, files)).toHaveLength(50);
  });
});
