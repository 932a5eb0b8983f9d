import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { renderJunitReport } from '../../src/report/junit-report.js';
import { sampleRun } from './sample-run.js';

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('JUnit report', () => {
  const text = renderJunitReport(sampleRun());

  it('is well-formed XML (strict parser)', () => {
    const parser = new SaxesParser();
    expect(() => parser.write(text).close()).not.toThrow();
  });

  it('has one test case per feed (plus the catalog) and one failure per error code', () => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text);
    const suite = doc.testsuites.testsuite;
    expect(doc.testsuites).toMatchObject({ tests: '3', failures: '3' });
    expect(suite).toMatchObject({ tests: '3', failures: '3', time: '2.500', timestamp: '2026-01-01T00:00:00.000Z' });
    const cases = asArray<any>(suite.testcase);
    expect(cases.map((c) => [c.classname, c.name])).toEqual([
      ['shelfcast.catalog', 'catalog'],
      ['shelfcast.feed.google', 'google'],
      ['shelfcast.feed.meta', 'meta'],
    ]);
    const failures = cases.map((c) => asArray<any>(c.failure).map((f) => f.type));
    // Warnings (google.title.too_long) are no failures.
    expect(failures).toEqual([['price.invalid'], ['google.image_link.missing'], ['guard.drop']]);
    const price = asArray<any>(cases[0].failure)[0];
    expect(price.message).toBe('price.invalid: 2 items');
    expect(price['#text']).toContain('row 3, id A<1>, price: price "<script>alert(1)</script>": not a price, 100% wrong');
    expect(price['#text']).toContain('fix: Write a price such as 12.99 USD.');
    expect(cases[2]['system-out']).toBe('refused: 0 written, 0 excluded, 9 filtered, 0 pushed, 0 failed');
  });

  it('passes when a run has no errors', () => {
    const run = sampleRun();
    run.catalog!.issueCodes = [];
    for (const f of run.feeds) f.issueCodes = f.issueCodes.filter((c) => c.severity !== 'error');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(renderJunitReport(run));
    expect(doc.testsuites.failures).toBe('0');
  });
});
