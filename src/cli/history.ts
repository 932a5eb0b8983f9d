import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { readRuns, type RunRecord } from '../run/history.js';
import type { VerdictSummary } from '../verdicts/model.js';
import { readVerdictSummaries } from '../verdicts/store.js';
import { countsText } from '../verdicts/verdict-text.js';
import { stateDir } from '../run/state-paths.js';
import { paint } from '../report/text-report.js';
import type { CommandContext } from './context.js';

interface HistoryOptions {
  config: string;
  feed?: string;
  json?: boolean;
  limit: number;
}

export const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of 1 or more');
  return n;
};

/** What the channel said after a run's push, per run id and feed (`<runId> <feed>`). */
type VerdictsByRun = Map<string, VerdictSummary>;
const runKey = (runId: string, feed: string): string => `${runId} ${feed}`;

/** The verdict summaries kept for the runs' feeds, keyed by the run that fetched them. */
async function verdictsOfRuns(state: string, runs: readonly RunRecord[]): Promise<VerdictsByRun> {
  const byRun: VerdictsByRun = new Map();
  const feeds = new Set(runs.flatMap((r) => r.feeds.map((f) => f.id)));
  for (const feed of feeds) {
    // A fetch by `diagnostics` has no run id; runs older than the kept summaries show none.
    for (const s of await readVerdictSummaries(state, feed, 200)) if (s.runId && !byRun.has(runKey(s.runId, feed))) byRun.set(runKey(s.runId, feed), s);
  }
  return byRun;
}

/** One line per run (and per feed under it): when, what, and how it went, and what the channel said. */
function formatRuns(runs: readonly RunRecord[], feed: string | undefined, color: boolean, verdicts: VerdictsByRun): string {
  const p = paint(color);
  const lines: string[] = [];
  for (const r of runs) {
    const took = ((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1);
    lines.push(`${p.bold(r.runId)}  ${r.command}  ${r.startedAt}  ${took}s  ${r.ok ? p.ok('ok') : p.error('problems')}  ${r.restored ? `restored the version of ${r.restored}` : `catalog ${r.items.total} rows, ${r.items.invalid} invalid`}`);
    for (const f of r.feeds) {
      if (feed && f.id !== feed) continue;
      const c = f.counts;
      const word = f.status === 'failed' || f.status === 'refused' ? p.error(f.status) : f.status;
      const top = f.issueCodes.filter((x) => x.severity === 'error').slice(0, 3).map((x) => `${x.code} x${x.count}`);
      const hash = f.files[0] ? `  ${f.files[0].sha256.slice(0, 12)}` : '';
      lines.push(`  ${f.id.padEnd(14)} ${word.padEnd(9)} ${c.written} written, ${c.excluded} excluded, ${c.pushed} pushed, ${c.failed} failed${f.destination ? ` -> ${f.destination}` : ''}${hash}${top.length ? p.dim(`  ${top.join(', ')}`) : ''}`);
      const v = verdicts.get(runKey(r.runId, f.id));
      if (v) lines.push(`  ${''.padEnd(14)} channel: ${countsText(v, p)}${v.codes.length ? p.dim(`  ${v.codes.slice(0, 3).map((x) => `${x.code} x${x.items.length}`).join(', ')}`) : ''}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : 'no runs recorded yet (every `shelfcast run` and `build` records one)\n';
}

export function registerHistory(program: Command, ctx: CommandContext): void {
  program
    .command('history')
    .description('list the recorded runs, newest first: per feed the counts, issue codes, destination and file hash')
    .option('-c, --config <path>', 'project file', 'shelfcast.yaml')
    .option('-f, --feed <id>', 'only runs of this feed')
    .option('--json', 'print the run records as one JSON document')
    .option('-n, --limit <n>', 'at most this many runs', positiveInt, 20)
    .action(async (opts: HistoryOptions) => {
      const project = await ctx.loadProject(opts.config);
      if (opts.feed && !project.feeds.some((f) => f.id === opts.feed)) {
        ctx.io.stderr(`shelfcast: note: no feed "${opts.feed}" in the project now; showing its recorded runs\n`);
      }
      const state = stateDir(project);
      const runs = (await readRuns(state, { feed: opts.feed, limit: opts.limit })).map((r) => (opts.feed ? { ...r, feeds: r.feeds.filter((f) => f.id === opts.feed) } : r));
      const verdicts = await verdictsOfRuns(state, runs);
      if (opts.json) {
        // Each feed of a run carries the channel's verdict counts read after that run's push, if any.
        const withVerdicts = runs.map((r) => ({
          ...r,
          feeds: r.feeds.map((f) => {
            const v = verdicts.get(runKey(r.runId, f.id));
            return v ? { ...f, verdicts: { source: v.source, fetchedAt: v.fetchedAt, items: v.items, counts: v.counts, codes: v.codes.map((x) => ({ code: x.code, items: x.items.length })) } } : f;
          }),
        }));
        ctx.io.stdout(`${JSON.stringify({ runs: withVerdicts }, null, 2)}\n`);
      } else ctx.io.stdout(formatRuns(runs, opts.feed, ctx.io.isTTY && !ctx.io.env.NO_COLOR, verdicts));
    });
}
