import { describe, expect, it } from 'vitest';
import { error, info, warning, type Issue } from '../../src/issues/issue.js';
import { IssueLog } from '../../src/run/issue-log.js';
import { IssuePacker } from '../../src/run/pass/packed-issues.js';

const rowIssue = (n: number): Issue => error('amazon.brand.missing', `brand is missing; row ${n} “${'é'.repeat(n % 3)}” 🙂`, { feed: 'amazon', row: n, id: `SKU-${n}`, field: 'brand', fix: 'Map a brand column' });

/** Everything a log shows of what it got. */
const shown = (log: IssueLog) => ({
  kept: log.kept,
  counts: log.counts(),
  codes: [...log.byCode.entries()].map(([code, e]) => [code, e.severity, e.count, JSON.parse(JSON.stringify(e.examples))]),
  errors: log.errors,
  warnings: log.warnings,
  dropped: log.dropped,
});

/** The same issues, one log given objects and one given them packed, unit by unit. */
function bothWays(units: Issue[][], take: (unit: number, i: number) => boolean = () => true) {
  const objects = new IssueLog();
  const packed = new IssueLog();
  const packer = new IssuePacker();
  units.forEach((issues, u) => {
    objects.add(issues.filter((_, i) => take(u, i)));
    for (const i of issues) packer.add(i);
    packed.addPacked(packer.finish(), (i) => take(u, i));
  });
  return { objects: shown(objects), packed: shown(packed) };
}

describe('packed issues', () => {
  it('give an issue log what their objects give it: counts, examples, kept issues', () => {
    const units = [
      [rowIssue(2), warning('google.title.long', 'title is long', { feed: 'google', row: 2 }), info('n', 'a\nline break and a "quote"', { row: 3 }), rowIssue(3)],
      [],
      [warning('google.title.long', 'title is long', { row: 9, field: undefined }), rowIssue(10), error('w', 'x', { file: 'stock.csv' })],
    ];
    const { objects, packed } = bothWays(units);
    expect(packed).toStrictEqual(objects);
    expect(packed.counts).toEqual({ 'amazon.brand.missing': 3, 'google.title.long': 2, n: 1, w: 1 });
  });

  it('skip the issues of rejected products, and make no entry for a code all of whose issues were skipped', () => {
    const units = [[rowIssue(2), warning('only.rejected', 'x', { row: 3 }), rowIssue(4)], [warning('only.rejected', 'y', { row: 5 }), rowIssue(6)]];
    const { objects, packed } = bothWays(units, (u, i) => units[u]![i]!.code !== 'only.rejected');
    expect(packed).toStrictEqual(objects);
    expect(packed.counts).toEqual({ 'amazon.brand.missing': 3 });
  });

  it('keep a code met with two severities under its first, as objects do', () => {
    const units = [[warning('x.y', 'a', { row: 2 }), error('x.y', 'b', { row: 3 }), warning('x.y', 'c', { row: 4 })]];
    const { objects, packed } = bothWays(units);
    expect(packed).toStrictEqual(objects);
    expect(packed.errors).toBe(1);
    expect(packed.warnings).toBe(2);
  });

  it('past the kept 20,000 only count, and carry an issue larger than the scratch buffer and a kept chunk', () => {
    const large = warning('text.long', `${'ü'.repeat(70_000)} and more`, { row: 5, field: 'description' });
    const units: Issue[][] = [[rowIssue(1), large, rowIssue(2)]];
    for (let n = 0; n < 20_500; n += 500) units.push(Array.from({ length: 500 }, (_, k) => rowIssue(10 + n + k)));
    const { objects, packed } = bothWays(units);
    expect(packed).toStrictEqual(objects);
    expect(packed.kept).toHaveLength(20_000);
    expect(packed.dropped).toBe(503);
    expect(packed.kept[1]).toStrictEqual(large);
  });

  it('may leave out the text of the codes the log only counts once it is full, and only those', () => {
    const objects = new IssueLog();
    const packed = new IssueLog();
    const packer = new IssuePacker();
    const units = Array.from({ length: 45 }, (_, u) => Array.from({ length: 500 }, (_, k) => rowIssue(u * 500 + k)));
    // A code first met after the log is full still needs its examples' text.
    units.push([rowIssue(1), warning('late.code', 'first seen late', { row: 99 }), rowIssue(2)]);
    let told = 0;
    for (const issues of units) {
      objects.add(issues);
      for (const i of issues) packer.add(i);
      const p = packer.finish();
      if (told > 0) expect(p.bytes.length).toBeLessThan(500);
      packed.addPacked(p, () => true);
      const codes = packed.countedOnly();
      if (codes.length > told) packer.countOnly(codes);
      told = codes.length;
    }
    expect(told).toBe(1);
    expect(shown(packed)).toStrictEqual(shown(objects));
    expect(packed.byCode.get('late.code')!.examples).toStrictEqual([warning('late.code', 'first seen late', { row: 99 })]);
  });

  it('refuse an issue without its text while the log still needs it', () => {
    const packer = new IssuePacker();
    packer.countOnly(['amazon.brand.missing']);
    packer.add(rowIssue(2));
    expect(() => new IssueLog().addPacked(packer.finish(), () => true)).toThrow(/without its text/);
    expect(new IssueLog().countedOnly()).toEqual([]);
  });

  it('start afresh after each finish, and own their buffers', () => {
    const packer = new IssuePacker();
    packer.add(rowIssue(2));
    const first = packer.finish();
    packer.add(warning('other', 'z'));
    const second = packer.finish();
    expect(second.kinds).toEqual([{ code: 'other', severity: 'warning' }]);
    expect(Array.from(second.kind)).toEqual([0]);
    expect(first.kinds).toEqual([{ code: 'amazon.brand.missing', severity: 'error' }]);
    expect(JSON.parse(Buffer.from(first.bytes).toString('utf8', 0, first.ends[0]! - 1))).toStrictEqual(rowIssue(2));
    // Each array on its own memory, so that a worker can transfer it.
    for (const a of [first.bytes, first.ends, first.kind]) expect(a.byteOffset === 0 && a.buffer.byteLength === a.byteLength).toBe(true);
  });
});
