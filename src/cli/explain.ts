import type { Command } from 'commander';
import { CANONICAL_FIELDS } from '../channels/generic/canonical-fields.js';
import type { FeedRecord } from '../channels/define-channel.js';
import { selectFeeds } from '../config/load.js';
import { ShelfcastError, type Issue } from '../issues/issue.js';
import type { CatalogItem } from '../product/product.js';
import { paint, type Paint } from '../report/text-report.js';
import { createFeedProcessor } from '../run/feed-processor.js';
import { readProducts } from '../run/read-products.js';
import { fieldDisplay } from '../rules/fields.js';
import type { RuleTraceEntry } from '../rules/types.js';
import { didYouMean } from '../util/did-you-mean.js';
import { withCommonOptions, type CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { showFieldValue } from './plan.js';

/** Everything `explain` knows about one item in one feed. */
export interface Explanation {
  id: string;
  feed: string;
  channel: string;
  /** Spreadsheet row of the item; absent when the catalog refused it. */
  row?: number;
  /** The product as read and validated, field -> text; absent when the catalog refused it. */
  product?: Record<string, string>;
  /** With supplemental sources (`catalog.sources`): the source each field of `product` came from. */
  sources?: Record<string, string>;
  rules: RuleTraceEntry[];
  records: FeedRecord[];
  /** Why the item is not in the feed: `catalog`, `rules` or `channel`, with the messages; absent when it is in. */
  excluded?: { by: 'catalog' | 'rules' | 'channel'; reasons: string[] };
  issues: Issue[];
}

/** The product's fields as text, canonical fields first, then `extra.<column>` in column order. */
export function productFields(item: CatalogItem): Record<string, string> {
  const out: Record<string, string> = {};
  const names = [...CANONICAL_FIELDS, ...Object.keys(item.product.extra).map((c) => `extra.${c}`)];
  for (const name of names) {
    const v = fieldDisplay(item.product, name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** The text report of an explanation. */
export function formatExplanation(e: Explanation, p: Paint): string[] {
  const lines = [p.bold(`${e.id}${e.row !== undefined ? ` (row ${e.row})` : ''} in feed ${e.feed} (channel ${e.channel})`)];
  if (e.product) {
    lines.push('', p.bold('product as read'));
    for (const [k, v] of Object.entries(e.product)) lines.push(`  ${k}: ${showFieldValue(v)}${e.sources?.[k] ? p.dim(`  (from ${e.sources[k]})`) : ''}`);
  }
  if (e.rules.length) {
    lines.push('', p.bold('rules'));
    for (const r of e.rules) {
      const filter = r.action === 'include' || r.action === 'exclude';
      const state = filter ? (r.fired ? p.error('excluded the item') : p.dim('passed')) : r.fired ? (r.changes.length ? p.ok('fired') : p.dim('fired, no change')) : p.dim('skipped (if: not met)');
      lines.push(`  [${r.index}] ${r.rule}: ${state}`);
      for (const c of r.changes) lines.push(`        ${c.field}: ${showFieldValue(c.before)} -> ${showFieldValue(c.after)}`);
      for (const i of r.issues) if (i.code !== 'rules.excluded') lines.push(`        ${p.warning(i.severity)} ${i.code}: ${i.message}`);
    }
  } else if (e.product) lines.push('', p.dim('rules: none'));
  for (const [k, record] of e.records.entries()) {
    lines.push('', p.bold(`${e.channel} record${e.records.length > 1 ? ` ${k + 1} of ${e.records.length}` : ''}`));
    for (const [f, v] of Object.entries(record)) lines.push(`  ${f}: ${showFieldValue(v)}`);
  }
  lines.push('');
  if (e.excluded) {
    const by = { catalog: 'the catalog validation', rules: 'the feed rules', channel: `the ${e.channel} checks` }[e.excluded.by];
    lines.push(p.error(`not in the feed: excluded by ${by}`));
    for (const r of e.excluded.reasons) lines.push(`  ${r}`);
  } else lines.push(p.ok(`in the feed (${e.records.length} record${e.records.length === 1 ? '' : 's'})`));
  // Errors that excluded the item are listed above as reasons; show the rest once.
  const listed = e.excluded && e.excluded.by !== 'rules';
  const other = e.issues.filter((i) => i.code !== 'rules.excluded' && !(listed && i.severity === 'error'));
  if (other.length) {
    lines.push('', p.bold('issues'));
    for (const i of other) lines.push(`  ${i.severity === 'error' ? p.error('error') : i.severity === 'warning' ? p.warning('warning') : p.dim('info')} ${i.code}${i.field ? ` (${i.field})` : ''}: ${i.message}`);
  }
  return lines;
}

interface ExplainOptions extends CommonOptions {
  feed: string;
  catalog?: string;
}

export function registerExplain(program: Command, ctx: CommandContext): void {
  withCommonOptions(program.command('explain'))
    .description('show how one item becomes a record of one feed: each rule, the record, and why it would be left out')
    .argument('<item-id>', 'the product id, as in the catalog')
    .requiredOption('-f, --feed <id>', 'the feed')
    .option('--catalog <file>', 'read this catalog instead of the configured one')
    .action(async (itemId: string, opts: ExplainOptions) => {
      const { io } = ctx;
      const now = (io.now ?? (() => new Date()))();
      const project = await ctx.loadProject(opts.config);
      const [feed] = selectFeeds(project, [opts.feed]);
      const processor = createFeedProcessor(feed!, { now });
      const base = { id: itemId, feed: feed!.id, channel: feed!.channel.id, rules: [] as RuleTraceEntry[], records: [] as FeedRecord[] };
      let explanation: Explanation | undefined;
      const seen: string[] = [];
      for await (const event of readProducts(project, { catalog: opts.catalog, cwd: io.cwd, provenance: true })) {
        if (event.item && event.item.product.id !== itemId) {
          if (seen.length < 10_000) seen.push(event.item.product.id);
          continue;
        }
        if (!event.item) {
          const own = event.issues.filter((i) => i.id === itemId);
          const errors = own.filter((i) => i.severity === 'error');
          if (errors.length) explanation ??= { ...base, row: own[0]!.row, issues: own, excluded: { by: 'catalog', reasons: errors.map((i) => `${i.code}${i.field ? ` (${i.field})` : ''}: ${i.message}`) } };
          continue;
        }
        const trace: RuleTraceEntry[] = [];
        const r = processor.process(event.item, trace);
        const errors = r.issues.filter((i) => i.severity === 'error');
        const excluded = r.filtered
          ? { by: 'rules' as const, reasons: r.issues.filter((i) => i.code === 'rules.excluded').map((i) => i.message) }
          : r.records.length === 0
            ? { by: 'channel' as const, reasons: errors.map((i) => `${i.code}${i.field ? ` (${i.field})` : ''}: ${i.message}`) }
            : undefined;
        const product = productFields(event.item);
        const sources = event.sources && Object.fromEntries(Object.keys(product).flatMap((k) => (event.sources![k] ? [[k, event.sources![k]]] : [])));
        explanation = { ...base, row: event.item.row, product, ...(sources ? { sources } : {}), rules: trace, records: r.records, excluded, issues: [...event.issues, ...r.issues] };
        break;
      }
      if (!explanation) {
        throw new ShelfcastError(`explain: no item "${itemId}" in the catalog${didYouMean(itemId, seen)} (the id is the catalog's id column)`);
      }
      if (opts.json) io.stdout(`${JSON.stringify(explanation, null, 2)}\n`);
      else io.stdout(`${formatExplanation(explanation, paint(io.isTTY && !io.env.NO_COLOR)).join('\n')}\n`);
    });
}
