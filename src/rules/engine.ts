import path from 'node:path';
import { z } from 'zod';
import { compileCategoryMapping } from '../categories/mapping.js';
import { formatZodError } from '../config/format-zod-error.js';
import { issue, ShelfcastError, type Issue } from '../issues/issue.js';
import type { Product } from '../product/product.js';
import { compileCondition, describeCondition, type Predicate } from './conditions.js';
import { describeRule, ruleAction } from './describe-rule.js';
import { fieldDisplay, type WriteOptions } from './fields.js';
import { rulesSchema, type RuleConfig, type RuleInput } from './schema.js';
import * as text from './text-transforms.js';
import type { CompiledRules, CompiledTransform, FieldChange, RuleContext, RuleResult, RuleTraceEntry, TransformEnv } from './types.js';
import * as value from './value-transforms.js';

export type { CompiledRules, FieldChange, RuleContext, RuleResult, RuleTraceEntry } from './types.js';

export interface CompileOptions {
  /** Folder that relative table and mapping files resolve against; default the feed file's folder. */
  baseDir?: string;
  /** Number locale of amounts the rules write (`de-DE` reads 1.234,56); default `en-US`. */
  locale?: string;
}

interface CompiledRule {
  index: number;
  label: string;
  action: string;
  filter?: { mode: 'include' | 'exclude'; test: Predicate; text: string };
  when?: Predicate;
  transform?: CompiledTransform;
}

function compileTransform(rule: RuleConfig, where: string, baseDir: string, options: WriteOptions): CompiledTransform {
  const env: value.CompileEnv = { baseDir, where, options };
  if (rule.set) return text.compileSet(rule.set, options);
  if (rule.template) return text.compileTemplate(rule.template, options);
  if (rule.append) return text.compileAppend(rule.append, options);
  if (rule.prepend) return text.compilePrepend(rule.prepend, options);
  if (rule.replace) return text.compileReplace(rule.replace, options);
  if (rule.truncate) return text.compileTruncate(rule.truncate, options);
  if (rule.case) return text.compileCase(rule.case, options);
  if (rule.strip_html) return text.compileStripHtml(rule.strip_html, options);
  if (rule.default) return text.compileDefault(rule.default, options);
  if (rule.split) return text.compileSplit(rule.split, options);
  if (rule.join) return text.compileJoin(rule.join, options);
  if (rule.lookup) return value.compileLookup(rule.lookup, { ...env, where: `${where}.lookup` });
  if (rule.round) return value.compileRound(rule.round, env);
  if (rule.bucket) return value.compileBucket(rule.bucket, env);
  if (rule.convert) return value.compileConvert(rule.convert, env);
  if (rule.categories) return compileCategoryMapping(rule.categories, baseDir, `${where}.categories`, options);
  throw new ShelfcastError(`${where}: the rule has no action`);
}

/**
 * Compiles a feed's rules once, at load: validates them (errors name the file and the dot path,
 * `feeds/meta.yaml: rules[3].if.field: unknown field "colour" (did you mean "color"?)`), checks
 * regular expressions, reads lookup tables and category mappings. Throws ShelfcastError.
 */
export function compileRules(rules: readonly RuleInput[], file: string, options: CompileOptions = {}): CompiledRules {
  const parsed = z.object({ rules: rulesSchema }).safeParse({ rules });
  if (!parsed.success) throw new ShelfcastError(formatZodError(file, parsed.error).join('\n'));
  const baseDir = options.baseDir ?? path.dirname(path.resolve(file));
  const writeOptions: WriteOptions = { locale: options.locale };
  const compiled: CompiledRule[] = parsed.data.rules.map((rule, index) => {
    const where = `${file}: rules[${index}]`;
    const base = { index, label: describeRule(rule), action: ruleAction(rule) };
    const filter = rule.include ?? rule.exclude;
    if (filter) {
      const mode = rule.include ? 'include' : 'exclude';
      return { ...base, filter: { mode, test: compileCondition(filter), text: describeCondition(filter) } };
    }
    return { ...base, when: rule.if ? compileCondition(rule.if) : undefined, transform: compileTransform(rule, where, baseDir, writeOptions) };
  });
  return { count: compiled.length, apply: (product, ctx, trace) => applyRules(compiled, product, ctx, trace) };
}

const snapshot = (p: Product, fields: string[]): Array<string | undefined> => fields.map((f) => fieldDisplay(p, f));

function applyRules(rules: readonly CompiledRule[], input: Product, ctx: RuleContext, trace?: RuleTraceEntry[]): RuleResult {
  let product = input;
  const issues: Issue[] = [];
  for (const rule of rules) {
    const ruleIssues: Issue[] = [];
    if (rule.filter) {
      const meets = rule.filter.test(product);
      const excluded = rule.filter.mode === 'include' ? !meets : meets;
      trace?.push({ index: rule.index, rule: rule.label, action: rule.action, fired: excluded, changes: [], issues: ruleIssues });
      if (excluded) {
        const why = rule.filter.mode === 'include' ? `it does not meet include: ${rule.filter.text}` : `it meets exclude: ${rule.filter.text}`;
        const note = issue('info', 'rules.excluded', `excluded by rules[${rule.index}] (${rule.label}): ${why}`, { feed: ctx.feed, row: ctx.row, id: input.id });
        ruleIssues.push(note);
        issues.push(note);
        return { issues, excludedBy: { index: rule.index, rule: rule.label } };
      }
      continue;
    }
    const t = rule.transform!;
    const fired = rule.when ? rule.when(product) : true;
    if (!fired) {
      trace?.push({ index: rule.index, rule: rule.label, action: rule.action, fired: false, changes: [], issues: ruleIssues });
      continue;
    }
    const env: TransformEnv = { ctx, issues: ruleIssues, where: `rules[${rule.index}] (${rule.label})` };
    const before = trace ? snapshot(product, t.writes) : [];
    product = t.run(product, env);
    issues.push(...ruleIssues);
    if (trace) {
      const after = snapshot(product, t.writes);
      const changes: FieldChange[] = [];
      t.writes.forEach((field, i) => {
        if (before[i] !== after[i]) changes.push({ field, before: before[i], after: after[i] });
      });
      trace.push({ index: rule.index, rule: rule.label, action: rule.action, fired: true, changes, issues: ruleIssues });
    }
  }
  return { product, issues };
}
