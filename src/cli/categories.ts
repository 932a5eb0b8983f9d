import path from 'node:path';
import type { Command } from 'commander';
import { selectFeeds, type LoadedFeed } from '../config/load.js';
import { readCategoryMapping, mapCategory, type CategoryMapping } from '../categories/mapping.js';
import { createCategoryMatcher, type Candidate } from '../categories/suggest.js';
import { googleCategories } from '../categories/taxonomy-list.js';
import { paint, type Paint } from '../report/text-report.js';
import { readProducts } from '../run/read-products.js';
import { fieldTexts } from '../rules/fields.js';
import { withCommonOptions, type CommonOptions } from './common-options.js';
import type { CommandContext } from './context.js';

/** One mapping file (or none) and the merchant categories it leaves unmapped. */
export interface MappingReport {
  /** Mapping file as written in the feed, absent when no feed declares one. */
  file?: string;
  feeds: string[];
  from: string;
  field: string;
  unmapped: Array<{ category: string; products: number; candidates: Candidate[] }>;
}

interface Target {
  report: MappingReport;
  mapping?: CategoryMapping;
  overwrite: boolean;
  counts: Map<string, number>;
}

/** The category mappings the feeds declare (`categories:` or a categories rule), one per file and source field. */
function targetsOf(feeds: readonly LoadedFeed[], root: string): Target[] {
  const targets = new Map<string, Target>();
  for (const feed of feeds) {
    feed.config.rules.forEach((rule, index) => {
      const c = rule.categories;
      if (!c) return;
      const baseDir = path.dirname(path.resolve(root, feed.file));
      const mapping = readCategoryMapping(c.file, baseDir, `${feed.file}: rules[${index}].categories.file`);
      const key = `${mapping.path}\0${c.from}\0${c.field}`;
      const report: MappingReport = { file: c.file, feeds: [], from: c.from, field: c.field, unmapped: [] };
      const t = targets.get(key) ?? { report, mapping, overwrite: c.overwrite, counts: new Map() };
      if (!t.report.feeds.includes(feed.id)) t.report.feeds.push(feed.id);
      targets.set(key, t);
    });
  }
  if (targets.size === 0) {
    // No mapping yet: every product_type of products without a Google category is unmapped.
    const report: MappingReport = { feeds: feeds.map((f) => f.id), from: 'product_type', field: 'google_product_category', unmapped: [] };
    targets.set('', { report, overwrite: false, counts: new Map() });
  }
  return [...targets.values()];
}

/** The text report: unmapped categories, most products first, with candidates. */
export function formatMappingReport(r: MappingReport, p: Paint): string[] {
  const products = r.unmapped.reduce((n, u) => n + u.products, 0);
  const lines = [
    `${p.bold(r.file ?? 'no category mapping')} (${r.from} -> ${r.field}; feeds ${r.feeds.join(', ')}): ${r.unmapped.length} unmapped categor${r.unmapped.length === 1 ? 'y' : 'ies'}, ${products} product${products === 1 ? '' : 's'}`,
  ];
  for (const u of r.unmapped) {
    lines.push(`  ${String(u.products).padStart(6)}  ${u.category}`);
    if (u.candidates.length === 0) lines.push(p.dim('          no candidate by word match: browse the taxonomy'));
    for (const c of u.candidates) lines.push(p.dim(`          ${c.id.padEnd(7)} ${c.path}`));
  }
  if (r.unmapped.length) lines.push(p.dim(`  Add a line "merchant category,google id" per category to ${r.file ?? 'a mapping file declared with categories: { file: ... } in the feed'}.`));
  return lines;
}

interface SuggestOptions extends CommonOptions {
  feed?: string;
  catalog?: string;
  /** Candidates per category; default 3. */
  candidates: string;
}

export function registerCategories(program: Command, ctx: CommandContext): void {
  const categories = program.command('categories').description('map merchant categories to the Google product taxonomy');
  withCommonOptions(categories.command('suggest'))
    .description('list the unmapped merchant categories, most products first, with candidate Google categories')
    .option('-f, --feed <id>', 'only the mapping of this feed')
    .option('--catalog <file>', 'read this catalog instead of the configured one')
    .option('--candidates <n>', 'candidates per category', '3')
    .action(async (opts: SuggestOptions) => {
      const { io } = ctx;
      const project = await ctx.loadProject(opts.config);
      const feeds = selectFeeds(project, opts.feed ? [opts.feed] : undefined);
      const targets = targetsOf(feeds, project.root);
      for await (const event of readProducts(project, { catalog: opts.catalog, cwd: io.cwd })) {
        if (!event.item) continue;
        for (const t of targets) {
          const product = event.item.product;
          if (!t.overwrite && fieldTexts(product, t.report.field).length > 0) continue;
          const [category] = fieldTexts(product, t.report.from);
          if (category === undefined || (t.mapping && mapCategory(t.mapping, category) !== undefined)) continue;
          t.counts.set(category, (t.counts.get(category) ?? 0) + 1);
        }
      }
      const match = createCategoryMatcher(googleCategories());
      const limit = Math.max(0, Number.parseInt(opts.candidates, 10) || 0);
      for (const t of targets) {
        t.report.unmapped = [...t.counts]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([category, products]) => ({ category, products, candidates: match(category, limit) }));
      }
      const reports = targets.map((t) => t.report);
      if (opts.json) {
        io.stdout(`${JSON.stringify({ mappings: reports }, null, 2)}\n`);
        return;
      }
      const p = paint(io.isTTY && !io.env.NO_COLOR);
      io.stdout(`${reports.flatMap((r) => formatMappingReport(r, p)).join('\n')}\n`);
    });
}
