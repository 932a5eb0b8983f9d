import type { VerdictSummary } from '../verdicts/model.js';

/**
 * JUnit cases of the channels' verdicts: one case per disapproved item (classname
 * `shelfcast.channel.<channel>.<feed>`, name the item id) with one failure per code that
 * disapproves it, its attribute, our catalog field and the check that would catch it; and one
 * passing case per feed that states the counts, so a clean feed is visible in CI too.
 */
export function verdictCases(verdicts: readonly VerdictSummary[], time: string, xml: (s: string) => string): { cases: string[]; failures: number } {
  const cases: string[] = [];
  let failures = 0;
  for (const v of verdicts) {
    const classname = `shelfcast.channel.${v.channel}.${v.feed}`;
    const c = v.counts;
    cases.push(`    <testcase classname="${xml(classname)}" name="${xml(`${v.feed}: channel verdicts`)}" time="${time}">\n      <system-out>${xml(`${v.source} at ${v.fetchedAt}: ${v.items} items, ${c.approved} approved, ${c.limited} limited, ${c.disapproved} disapproved, ${c.pending} pending`)}</system-out>\n    </testcase>\n`);
    const byItem = new Map<string, string[]>();
    for (const code of v.codes) {
      if (code.severity !== 'disapproved') continue;
      for (const id of code.items) {
        const body = [code.message, code.attribute ? `attribute: ${code.attribute}` : '', code.field ? `catalog field: ${code.field}` : '', code.hint ? `check before sending: ${code.hint}` : ''].filter(Boolean).join('\n');
        const failure = `      <failure type="${xml(`${v.channel}.${code.code}`)}" message="${xml(`${v.channel} disapproved ${id}: ${code.code}${code.attribute ? ` [${code.attribute}]` : ''}`)}">${xml(body)}</failure>\n`;
        byItem.set(id, [...(byItem.get(id) ?? []), failure]);
      }
    }
    for (const [id, list] of [...byItem.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      failures += list.length;
      cases.push(`    <testcase classname="${xml(classname)}" name="${xml(id)}" time="${time}">\n${list.join('')}    </testcase>\n`);
    }
  }
  return { cases, failures };
}
