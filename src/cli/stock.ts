import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { ShelfcastError, type Issue } from '../issues/issue.js';
import { formatIssueGroups, paint } from '../report/text-report.js';
import { AtomicFile } from '../run/atomic-file.js';
import { IssueLog } from '../run/issue-log.js';
import { outputDir } from '../run/state-paths.js';
import { allocateNumbers } from '../stock/allocate.js';
import { isOversold } from '../stock/derive.js';
import { toIsoTime } from '../stock/events.js';
import { openProjectLedger, requireChannels, stockPolicy } from '../stock/project-stock.js';
import { allocationRows, type AllocationRow } from '../stock/quantities.js';
import { readChannelQuantities } from '../stock/read-channel-quantities.js';
import { readCounts } from '../stock/read-counts.js';
import { ORDER_FORMATS, readOrders, type OrdersFormat } from '../stock/read-orders.js';
import { reconcile } from '../stock/reconcile.js';
import { pushQuantityCorrections } from './stock-apply.js';
import { allocationText, differencesText, incidentText, showText } from '../stock/stock-text.js';
import { didYouMean } from '../util/did-you-mean.js';
import { withCommonOptions, type CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';
import { exitFor } from './exit-status.js';

interface TimedOptions extends CommonOptions {
  /** Time of rows that carry none (ISO 8601); default now. */
  at?: string;
}

async function readInput(file: string, cwd: string): Promise<{ text: string; shown: string }> {
  const abs = path.resolve(cwd, file);
  try {
    return { text: await readFile(abs, 'utf8'), shown: file };
  } catch (cause) {
    throw new ShelfcastError(`${file}: cannot read the file: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
  }
}

function timeOption(ctx: CommandContext, at: string | undefined): string {
  if (at === undefined) return (ctx.io.now?.() ?? new Date()).toISOString();
  const iso = toIsoTime(at);
  if (!iso) throw new ShelfcastError(`--at: "${at}" is not a date and time (use ISO 8601, e.g. 2026-03-01T08:00:00Z)`);
  return iso;
}

/** Prints the JSON document, or the lines plus grouped issues on stderr, and sets the exit code. */
function finish(ctx: CommandContext, opts: CommonOptions, issues: readonly Issue[], problem: boolean, json: object, lines: string[]): void {
  const log = new IssueLog();
  log.add(issues);
  const code = exitFor(log.errors, log.warnings, opts.failOn, problem);
  ctx.setExitCode(code);
  if (opts.json) {
    ctx.io.stdout(`${JSON.stringify({ ok: code === 0, ...json, issues: log.kept }, null, 2)}\n`);
    return;
  }
  if (opts.quiet && code === 0) return;
  const p = paint(ctx.io.isTTY && !ctx.io.env.NO_COLOR);
  ctx.io.stderr(`${[...lines, ...formatIssueGroups(log, p)].join('\n')}\n`);
}

export function registerStock(program: Command, ctx: CommandContext): void {
  const stock = program
    .command('stock')
    .description('shared-stock ledger: import counts and orders, allocate per channel, reconcile');
  const p = () => paint(ctx.io.isTTY && !ctx.io.env.NO_COLOR);

  withCommonOptions(stock.command('import <file>'))
    .description('record absolute stock counts per SKU and location from a warehouse or POS CSV')
    .option('--at <time>', 'time of the counts when the file has no counted_at column (default now)')
    .option('--key <key>', 'idempotency key of this export (default: a hash of the file)')
    .action(async (file: string, opts: TimedOptions & { key?: string }) => {
      const project = await ctx.loadProject(opts.config);
      const { text, shown } = await readInput(file, ctx.io.cwd);
      const read = readCounts(text, shown, { key: opts.key, at: timeOption(ctx, opts.at) });
      const ledger = openProjectLedger(project);
      try {
        const r = ledger.apply(read.events, { safety: stockPolicy(project).safety, now: ctx.io.now });
        const summary = `stock import ${shown}: ${read.events.length} counts, ${r.inserted} new, ${r.ignored} already in the ledger (source ${read.source})`;
        finish(ctx, opts, read.issues, false, { file: shown, source: read.source, counts: read.events.length, inserted: r.inserted, ignored: r.ignored }, [summary]);
      } finally {
        ledger.close();
      }
    });

  withCommonOptions(stock.command('orders <file>'))
    .description('record order events: shelfcast CSV/JSON, Amazon ORDER_CHANGE notifications or eBay orders')
    .addOption(new Option('--format <format>', 'input shape').choices(ORDER_FORMATS).default('auto'))
    .option('--channel <name>', 'channel name recorded on the events (default amazon/ebay, or the channel column)')
    .option('--at <time>', 'time of rows that carry none (default now)')
    .option('--location <name>', 'warehouse or store of rows that name none (default: the SKU as a whole)')
    .action(async (file: string, opts: TimedOptions & { format: OrdersFormat; channel?: string; location?: string }) => {
      const project = await ctx.loadProject(opts.config);
      const { text, shown } = await readInput(file, ctx.io.cwd);
      const read = readOrders(text, shown, { format: opts.format, channel: opts.channel, at: timeOption(ctx, opts.at), location: opts.location });
      const ledger = openProjectLedger(project);
      try {
        const r = ledger.apply(read.events, { safety: stockPolicy(project).safety, now: ctx.io.now });
        const lines = [`stock orders ${shown} (${read.format}): ${read.events.length} events, ${r.inserted} new, ${r.ignored} already in the ledger`];
        lines.push(...r.incidents.map((i) => incidentText(i, p())));
        finish(ctx, opts, read.issues, r.incidents.length > 0, { file: shown, format: read.format, events: read.events.length, inserted: r.inserted, ignored: r.ignored, incidents: r.incidents }, lines);
      } finally {
        ledger.close();
      }
    });

  withCommonOptions(stock.command('allocate'))
    .description('show the quantity each channel may show, per SKU, from the stock policy')
    .action(async (opts: CommonOptions) => {
      const project = await ctx.loadProject(opts.config);
      const policy = requireChannels(project);
      const ledger = openProjectLedger(project);
      try {
        const rows = [...allocationRows(ledger, policy)];
        const channels = Object.keys(policy.channels);
        const oversold = rows.filter((r) => isOversold(r.numbers));
        const lines = [p().bold(`stock allocation (safety ${policy.safety}${policy.strict ? ', strict' : ''}): ${rows.length} SKUs`), ...allocationText(rows, channels)];
        if (oversold.length > 0) lines.push(p().error(`${oversold.length} SKU(s) oversold (open orders beyond on hand minus safety): ${oversold.map((r) => r.sku).join(', ')} (see \`shelfcast stock show <sku>\`)`));
        const skus = rows.map((r) => ({ ...r.numbers, allocation: r.allocation }));
        finish(ctx, opts, [], oversold.length > 0, { safety: policy.safety, strict: policy.strict, channels, skus, oversold: oversold.map((r) => r.sku) }, lines);
      } finally {
        ledger.close();
      }
    });

  withCommonOptions(stock.command('reconcile <channel-quantities-file>'))
    .description('compare what each channel shows with the allocation and classify every difference')
    .option('--channel <name>', 'channel of every row, for files without a channel column')
    .option('--apply', 'write the corrections to <output>/stock-corrections.json and push quantity updates to the marketplace feeds of the channels concerned')
    .action(async (file: string, opts: CommonOptions & { channel?: string; apply?: boolean }) => {
      const project = await ctx.loadProject(opts.config);
      const policy = requireChannels(project);
      const { text, shown } = await readInput(file, ctx.io.cwd);
      const read = readChannelQuantities(text, shown, opts.channel);
      const ledger = openProjectLedger(project);
      let rows: AllocationRow[];
      try {
        rows = [...allocationRows(ledger, policy)];
      } finally {
        ledger.close();
      }
      const result = reconcile(rows, read.quantities, Object.keys(policy.channels), shown);
      const lines = [`stock reconcile ${shown}: channels ${result.channels.join(', ') || 'none'}, ${result.differences.length} difference(s), ${result.corrections.length} correction(s)`];
      if (result.differences.length > 0) lines.push(...differencesText(result.differences).map((l) => `  ${l}`));
      let applied: string | undefined;
      if (opts.apply && result.corrections.length > 0) {
        applied = path.join(outputDir(project), 'stock-corrections.json');
        await AtomicFile.writeWhole(applied, `${JSON.stringify({ generatedAt: (ctx.io.now?.() ?? new Date()).toISOString(), source: shown, corrections: result.corrections }, null, 2)}\n`);
        lines.push(`wrote ${result.corrections.length} correction(s) to ${path.relative(ctx.io.cwd, applied) || applied}`);
        lines.push(...(await pushQuantityCorrections(ctx, opts, project, result.corrections)));
      } else if (opts.apply) lines.push('nothing to correct; no file written');
      const { channels, differences, corrections } = result;
      finish(ctx, opts, [...read.issues, ...result.issues], differences.length > 0, { file: shown, channels, differences, corrections, applied: applied ?? null }, lines);
    });

  withCommonOptions(stock.command('show <sku>'))
    .description('the events, numbers, allocation and oversell incidents of one SKU')
    .action(async (sku: string, opts: CommonOptions) => {
      const project = await ctx.loadProject(opts.config);
      const policy = stockPolicy(project);
      const ledger = openProjectLedger(project);
      try {
        const events = ledger.events(sku);
        if (events.length === 0) {
          const known = ledger.skus();
          throw new ShelfcastError(`stock show: the ledger has no events for SKU "${sku}"${didYouMean(sku, known)} (it holds ${known.length} SKUs)`, { exitCode: 1 });
        }
        const numbers = ledger.numbers(sku, policy.safety);
        const allocation = allocateNumbers(numbers, policy);
        const incidents = ledger.incidents(sku);
        finish(ctx, opts, [], false, { sku, numbers, allocation, events, incidents }, showText(numbers, allocation, events, incidents, p()));
      } finally {
        ledger.close();
      }
    });
}
