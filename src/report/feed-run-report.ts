import type { CliIO } from '../cli/context.js';
import type { Issue } from '../issues/issue.js';
import type { BuildResult } from '../run/build-feeds.js';
import type { RunRecord } from '../run/history.js';
import { catalogLine, formatIssueGroups, paint } from './text-report.js';
import type { VerdictSummary } from '../verdicts/model.js';

export interface FeedRunReport extends RunRecord {
  build: BuildResult;
  /** Guard refusals and push failures. */
  runIssues: Issue[];
  /** The channels' verdicts fetched after the push, per feed; absent when none were read. */
  verdicts?: VerdictSummary[];
}

const STATUS_WORD: Record<string, string> = {
  written: 'written',
  published: 'published',
  refused: 'REFUSED by the publish guard',
  planned: 'checked (dry run, nothing written)',
  failed: 'FAILED',
};

/** `build`/`run` output: the JSON document on stdout, or a per-feed summary and grouped issues on stderr. */
export function renderFeedRun(io: CliIO, r: FeedRunReport, mode: { json: boolean; quiet: boolean; failed: boolean }): void {
  if (mode.json) {
    const feedIssues = r.build.feeds.flatMap((b) => b.issues.kept);
    const json = {
      ok: r.ok,
      runId: r.runId,
      command: r.command,
      dryRun: r.dryRun,
      items: r.items,
      feeds: r.feeds,
      counts: r.build.issues.counts(),
      issues: [...r.build.issues.kept, ...feedIssues, ...r.runIssues],
      ...(r.verdicts ? { verdicts: r.verdicts } : {}),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  if (mode.quiet && !mode.failed) return;
  const p = paint(io.isTTY && !io.env.NO_COLOR);
  const lines: string[] = [];
  lines.push(catalogLine(r.items, p));
  lines.push(...formatIssueGroups(r.build.issues, p));
  for (const f of r.feeds) {
    const files = f.files.map((x) => x.name).join(', ');
    const word = f.status === 'refused' || f.status === 'failed' ? p.error(STATUS_WORD[f.status]!) : STATUS_WORD[f.status]!;
    const extra = [f.excluded ? `${f.excluded} excluded` : '', f.filtered ? `${f.filtered} filtered out` : ''].filter(Boolean).join(', ');
    lines.push(`${p.bold(f.id)} (${f.channel} ${f.format}): ${f.items} items${extra ? ` (${extra})` : ''} -> ${files}: ${word}${f.destination ? ` to ${f.destination}` : ''}`);
    const built = r.build.feeds.find((b) => b.feed.id === f.id);
    if (built) lines.push(...formatIssueGroups(built.issues, p).map((l) => `  ${l}`));
  }
  for (const i of r.runIssues) lines.push(`${i.severity === 'error' ? p.error('error') : p.warning('warning')} ${i.feed ? `${i.feed}: ` : ''}${i.message}`);
  io.stderr(`${lines.join('\n')}\n`);
}
