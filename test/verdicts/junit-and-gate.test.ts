import { describe, expect, it } from 'vitest';
import { verdictCases } from '../../src/report/verdicts-junit.js';
import { disapprovalFailures, parseShare } from '../../src/verdicts/collect.js';
import { summarizeVerdicts, type ItemVerdict } from '../../src/verdicts/model.js';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const bad = (id: string, codes: string[]): ItemVerdict => ({
  id,
  status: 'disapproved',
  issues: codes.map((code) => ({ code, severity: 'disapproved' as const, message: `Problem ${code}`, attribute: 'gtin', field: 'gtin', hint: 'check gtin' })),
});
const ok = (id: string): ItemVerdict => ({ id, status: 'approved', issues: [] });
const summary = (items: ItemVerdict[], runId = 'r') => summarizeVerdicts({ feed: 'google-us', channel: 'google', source: 'google-merchant://accounts/1/dataSources/2', fetchedAt: '2026-12-01T12:00:00.000Z', runId, items });

describe('channel verdicts in JUnit', () => {
  it('one case per disapproved item, one failure per disapproving code, and a passing counts case per feed', () => {
    const s = summary([bad('b', ['invalid_upc', 'image_link_broken']), bad('a', ['invalid_upc']), ok('c')]);
    const { cases, failures } = verdictCases([s], '0.100', xml);
    expect(failures).toBe(3);
    expect(cases).toHaveLength(3);
    expect(cases[0]).toContain('name="google-us: channel verdicts"');
    expect(cases[0]).toContain('3 items, 1 approved, 0 limited, 2 disapproved, 0 pending');
    expect(cases[0]).not.toContain('<failure');
    expect(cases[1]).toContain('classname="shelfcast.channel.google.google-us" name="a"');
    expect(cases[1]!.match(/<failure /g)).toHaveLength(1);
    expect(cases[2]).toContain('name="b"');
    expect(cases[2]!.match(/<failure /g)).toHaveLength(2);
    expect(cases[2]).toContain('type="google.invalid_upc"');
    expect(cases[2]).toContain('catalog field: gtin');
    expect(cases[2]).toContain('check before sending: check gtin');
  });
});

describe('--fail-on-disapprovals', () => {
  it('fails only when disapprovals rose by more than the share of the feed', () => {
    const before = summary([ok('a'), ok('b'), ok('c'), ok('d'), bad('e', ['x'])], 'r1');
    const after = summary([ok('a'), ok('b'), bad('c', ['x']), ok('d'), bad('e', ['x'])], 'r2');
    expect(disapprovalFailures([{ summary: after, previous: before }], 0.25)).toEqual([]);
    expect(disapprovalFailures([{ summary: after, previous: before }], 0.1)).toEqual(['google-us: disapprovals rose by 1 (20.0% of 5 items; the limit is 10.0%)']);
    expect(disapprovalFailures([{ summary: before, previous: after }], 0)).toEqual([]);
    expect(disapprovalFailures([{ summary: after, previous: before }], undefined)).toEqual([]);
  });

  it('reads percentages and fractions, and refuses anything else', () => {
    expect(parseShare('5%')).toBe(0.05);
    expect(parseShare('0.05')).toBe(0.05);
    expect(() => parseShare('150%')).toThrow(/not a share/);
    expect(() => parseShare('five')).toThrow(/not a share/);
  });
});
