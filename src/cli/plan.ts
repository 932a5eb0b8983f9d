import type { Command } from 'commander';
import type { FeedRecord, FieldValue } from '../channels/define-channel.js';
import { selectFeeds } from '../config/load.js';
import { apiPlan, type ApiPlan } from '../plan/api-plan.js';
import { openBaseline } from '../plan/plan-baseline.js';
import { createFeedProcessor } from '../run/feed-processor.js';
import { IssueLog } from '../run/issue-log.js';
import { recordKey } from '../run/item-index.js';
import { readProducts } from '../run/read-products.js';
import { stateDir } from '../run/state-paths.js';
import { formatIssueGroups, paint, type Paint } from '../report/text-report.js';
import type { FeedPlan } from '../rules/record-diff.js';
import { collectList, withCommonOptions, type CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { exitFor } from './exit-status.js';

interface PlanOptions extends CommonOptions {
  catalog?: string;
  feed?: string[];
  /** Items listed per kind (added, removed, changed) in the text report; default 20. */
  limit: string;
}

const SHOWN = 60;

/** A record value for one line of text: quoted, at most 60 characters. */
export function showFieldValue(v: FieldValue | undefined): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const short = s.length > SHOWN ? `${s.slice(0, SHOWN - 1)}…` : s;
  return JSON.stringify(short);
}

/** The text report of one feed's plan; `limit` items per kind, then a count of the rest. */
export function formatPlan(plan: FeedPlan & { api?: ApiPlan }, p: Paint, limit = 20): string[] {
  const c = plan.counts;
  const kept =
    c.uncompared === undefined
      ? `${p.warning(`${c.changed} changed`)}, ${c.unchanged} unchanged`
      : `${c.uncompared} in both ${p.dim('(fields not compared: the published files are gone or were changed)')}`;
  const lines = [`${p.bold(plan.feed)}: ${p.ok(`${c.added} added`)}, ${p.error(`${c.removed} removed`)}, ${kept}${plan.published ? '' : p.dim(' (never published: every item is new)')}`];
  const more = (n: number): void => {
    if (n > limit) lines.push(p.dim(`    ... and ${n - limit} more (--json lists every item)`));
  };
  for (const id of plan.added.slice(0, limit)) lines.push(`  ${p.ok('+')} ${id}`);
  more(plan.added.length);
  for (const id of plan.removed.slice(0, limit)) lines.push(`  ${p.error('-')} ${id}`);
  more(plan.removed.length);
  for (const item of plan.changed.slice(0, limit)) {
    lines.push(`  ${p.warning('~')} ${item.id}`);
    for (const f of item.fields) lines.push(`      ${f.field}: ${showFieldValue(f.before)} -> ${showFieldValue(f.after)}`);
  }
  more(plan.changed.length);
  const fields = Object.entries(c.fields);
  if (fields.length) lines.push(p.dim(`  fields changed: ${fields.map(([f, n]) => `${f} ${n}`).join(', ')}`));
  const a = plan.api;
  if (a) {
    lines.push(`  ${a.destination} API: ${p.ok(`${a.create.length} to create`)}, ${p.warning(`${a.update.length} to update`)}, ${p.error(`${a.delete.length} to delete`)}, ${a.unchanged} unchanged`);
    for (const id of a.delete.slice(0, limit)) lines.push(`    ${p.error('delete')} ${id}`);
    more(a.delete.length);
  }
  return lines;
}

export function registerPlan(program: Command, ctx: CommandContext): void {
  withCommonOptions(program.command('plan'))
    .description('show what the next run would change in each feed, compared with the last published one')
    .option('--catalog <file>', 'read this catalog instead of the configured one')
    .option('-f, --feed <id>', 'only this feed (repeatable, or comma-separated)', collectList)
    .option('--limit <n>', 'items listed per kind in the text report', '20')
    .action(async (opts: PlanOptions) => {
      const { io } = ctx;
      const now = (io.now ?? (() => new Date()))();
      const project = await ctx.loadProject(opts.config);
      const feeds = selectFeeds(project, opts.feed);
      const processors = [];
      for (const f of feeds) {
        const processor = createFeedProcessor(f, { now });
        processors.push({ feed: f, processor, baseline: await openBaseline(project, f, processor.target), ids: new Set<string>(), records: [] as FeedRecord[] });
      }
      const log = new IssueLog();
      for await (const event of readProducts(project, { catalog: opts.catalog, cwd: io.cwd })) {
        log.add(event.issues);
        if (!event.item) continue;
        for (const f of processors) {
          const r = f.processor.process(event.item);
          if (r.issues.length) log.add(r.issues);
          // Same keys as the item index the build writes.
          r.records.forEach((record, k) => {
            const key = recordKey(event.item!.product.id, k, r.records.length);
            f.baseline.add(key, record);
            // The id a channel API knows the item by (marketplaces: the SKU).
            f.ids.add(String(record.sku ?? record.id ?? key));
            if (f.feed.channel.push?.derivedIds) f.records.push(record);
          });
        }
      }
      const plans: Array<FeedPlan & { api?: ApiPlan }> = [];
      for (const f of processors) {
        const { plan, issues } = await f.baseline.finish();
        // Items the push adds from the whole feed (variation parents, item groups) are not gone.
        for (const id of f.feed.channel.push?.derivedIds?.(f.records) ?? []) f.ids.add(id);
        const api = await apiPlan(f.feed.config.destination?.type, stateDir(project), f.feed.id, f.ids, plan);
        plans.push(api ? { ...plan, api } : plan);
        log.add(issues);
      }
      const code = exitFor(log.errors, log.warnings, opts.failOn);
      ctx.setExitCode(code);
      if (opts.json) {
        io.stdout(`${JSON.stringify({ ok: code === 0, feeds: plans, counts: log.counts(), issues: log.kept, issuesOmitted: log.dropped }, null, 2)}\n`);
        return;
      }
      const p = paint(io.isTTY && !io.env.NO_COLOR);
      const limit = Math.max(0, Number.parseInt(opts.limit, 10) || 0);
      io.stdout(`${plans.flatMap((plan) => formatPlan(plan, p, limit)).join('\n')}\n`);
      if (!opts.quiet || code !== 0) {
        const issueLines = formatIssueGroups(log, p, 'issues');
        if (issueLines.length) io.stderr(`${issueLines.join('\n')}\n`);
      }
    });
}
