import type { FeedRunRecord, IssueCodeSummary, RunRecord } from '../run/history.js';
import type { VerdictSummary } from '../verdicts/model.js';
import { verdictCases } from './verdicts-junit.js';

const xml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 cannot carry most control characters, even escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

const seconds = (run: RunRecord): string => ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(3);

function failure(c: IssueCodeSummary): string {
  const lines = c.examples.map((e) => {
    const where = [e.file, e.row !== undefined ? `row ${e.row}` : '', e.id ? `id ${e.id}` : '', e.field ?? ''].filter(Boolean).join(', ');
    return `${where ? `${where}: ` : ''}${e.message}`;
  });
  if (c.count > c.examples.length) lines.push(`... and ${c.count - c.examples.length} more`);
  if (c.fix && !c.examples.some((e) => e.message.includes(c.fix!))) lines.push(`fix: ${c.fix}`);
  return `      <failure type="${xml(c.code)}" message="${xml(`${c.code}: ${c.count} item${c.count === 1 ? '' : 's'}`)}">${xml(lines.join('\n'))}</failure>\n`;
}

const errorsOf = (codes: readonly IssueCodeSummary[]): IssueCodeSummary[] => codes.filter((c) => c.severity === 'error');

function testCase(classname: string, name: string, time: string, codes: readonly IssueCodeSummary[], out: string): string {
  const failures = errorsOf(codes);
  const body = failures.map(failure).join('') + (out ? `      <system-out>${xml(out)}</system-out>\n` : '');
  return `    <testcase classname="${xml(classname)}" name="${xml(name)}" time="${time}"${body ? `>\n${body}    </testcase>` : ' />'}\n`;
}

const feedOut = (f: FeedRunRecord): string =>
  `${f.status}: ${f.counts.written} written, ${f.counts.excluded} excluded, ${f.counts.filtered} filtered, ${f.counts.pushed} pushed, ${f.counts.failed} failed${f.destination ? ` (${f.destination})` : ''}`;

/**
 * JUnit XML for CI: one test case per feed, one failure per error code (with example rows and the
 * fix), a `catalog` case for rows no feed could use, and one case per item a channel disapproved
 * (one failure per disapproving code of the channel).
 */
export function renderJunitReport(run: RunRecord, verdicts: readonly VerdictSummary[] = []): string {
  const time = seconds(run);
  const catalogCodes = run.catalog?.issueCodes ?? [];
  const cases = [
    testCase('shelfcast.catalog', 'catalog', time, catalogCodes, `${run.items.total} rows read, ${run.items.valid} valid, ${run.items.invalid} invalid`),
    ...run.feeds.map((f) => testCase(`shelfcast.feed.${f.channel}`, f.id, time, f.issueCodes, feedOut(f))),
  ];
  const channel = verdictCases(verdicts, time, xml);
  cases.push(...channel.cases);
  const failures = errorsOf(catalogCodes).length + run.feeds.reduce((n, f) => n + errorsOf(f.issueCodes).length, 0) + channel.failures;
  const tests = cases.length;
  const suite = `shelfcast ${run.command} ${run.runId}`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="shelfcast" tests="${tests}" failures="${failures}" errors="0" time="${time}">\n` +
    `  <testsuite name="${xml(suite)}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="${time}" timestamp="${xml(run.startedAt)}">\n` +
    cases.join('') +
    `  </testsuite>\n</testsuites>\n`
  );
}
