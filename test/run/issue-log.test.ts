import { describe, expect, it } from 'vitest';
import { error, info, warning, type Issue } from '../../src/issues/issue.js';
import { IssueLog } from '../../src/run/issue-log.js';

const rowIssue = (n: number): Issue => warning('gtin.check_digit', `gtin "40${n}" fails its check digit; row ${n} — “${'é'.repeat(n % 3)}”`, { row: n, id: `SKU-${n}`, field: 'gtin', fix: 'Check the GTIN' });

describe('IssueLog', () => {
  it('gives back the kept issues as they came, text outside ASCII and all fields included', () => {
    const log = new IssueLog();
    const issues = [error('price.invalid', 'price "12,3.4" is not a number', { row: 2, id: 'A', field: 'price', fix: 'Write 12.34' }), info('field.unsupported', 'x is kept', { field: 'x' }), rowIssue(7), warning('w', 'emoji 🙂 and a\nline break', { feed: 'google', file: 'stock.csv' })];
    log.add(issues);
    expect(log.kept).toStrictEqual(issues);
    expect(log.errors).toBe(1);
    expect(log.warnings).toBe(2);
    expect(log.counts()).toEqual({ 'price.invalid': 1, 'field.unsupported': 1, 'gtin.check_digit': 1, w: 1 });
  });

  it('keeps 20,000 issues in full and counts the rest', () => {
    const log = new IssueLog();
    for (let n = 0; n < 20_050; n += 50) log.add(Array.from({ length: 50 }, (_, k) => rowIssue(n + k)));
    log.add([rowIssue(99_999)]);
    const kept = log.kept;
    expect(kept).toHaveLength(20_000);
    expect(kept[0]).toStrictEqual(rowIssue(0));
    expect(kept[19_999]).toStrictEqual(rowIssue(19_999));
    expect(log.dropped).toBe(51);
    expect(log.warnings).toBe(20_051);
    expect(log.byCode.get('gtin.check_digit')!.examples).toHaveLength(5);
  });

  it('gives back an issue larger than a compressed chunk between smaller ones', () => {
    const log = new IssueLog();
    const large = warning('text.long', `${'ü'.repeat(70_000)} and more`, { row: 5, field: 'description' });
    const issues = [rowIssue(1), large, rowIssue(2), ...Array.from({ length: 600 }, (_, k) => rowIssue(10 + k))];
    log.add(issues);
    expect(log.kept).toStrictEqual(issues);
  });

  it('puts run-level issues first and takes out the codes they stand for', () => {
    const log = new IssueLog();
    log.add([error('title.missing', 'title is missing', { row: 2 }), rowIssue(3), error('title.missing', 'title is missing', { row: 4 })]);
    const header = error('catalog.column.missing', 'no column gives title', { field: 'title' });
    log.addFirst([header]);
    expect(log.kept.map((i) => i.code)).toEqual(['catalog.column.missing', 'title.missing', 'gtin.check_digit', 'title.missing']);
    expect(log.removeCodes(['title.missing'])).toBe(2);
    expect(log.kept).toStrictEqual([header, rowIssue(3)]);
    expect(log.errors).toBe(1);
    expect(log.counts()).toEqual({ 'catalog.column.missing': 1, 'gtin.check_digit': 1 });
  });
});
