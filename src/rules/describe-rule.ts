import { describeCondition } from './conditions.js';
import type { RuleConfig } from './schema.js';

const q = (v: unknown): string => JSON.stringify(v);

/** The rule's action key (`exclude`, `set`, ...). */
export function ruleAction(rule: RuleConfig): string {
  for (const [k, v] of Object.entries(rule)) if (k !== 'name' && k !== 'if' && v !== undefined) return k;
  return 'none';
}

/** One line for explain and messages: the rule's name, or what it does. */
export function describeRule(rule: RuleConfig): string {
  if (rule.name) return rule.name;
  const body = describeAction(rule);
  return rule.if ? `${body} if ${describeCondition(rule.if)}` : body;
}

function describeAction(r: RuleConfig): string {
  if (r.include) return `include if ${describeCondition(r.include)}`;
  if (r.exclude) return `exclude if ${describeCondition(r.exclude)}`;
  if (r.set) return r.set.from !== undefined ? `set ${r.set.field} from ${r.set.from}` : `set ${r.set.field} to ${q(r.set.value)}`;
  if (r.template) return `template ${r.template.field} = ${q(r.template.value)}`;
  if (r.append) return `append ${q(r.append.value)} to ${r.append.field}`;
  if (r.prepend) return `prepend ${q(r.prepend.value)} to ${r.prepend.field}`;
  if (r.replace) return `replace ${r.replace.regex ? '/' + r.replace.find + '/' : q(r.replace.find)} with ${q(r.replace.with)} in ${r.replace.field}`;
  if (r.truncate) return `truncate ${r.truncate.field} to ${r.truncate.max}`;
  if (r.case) return `${r.case.to} case ${r.case.field}${r.case.locale ? ` (${r.case.locale})` : ''}`;
  if (r.strip_html) return `strip HTML from ${r.strip_html.field}`;
  if (r.default) return `default ${r.default.field} to ${q(r.default.value)}`;
  if (r.lookup) return `look up ${r.lookup.field} from ${r.lookup.from ?? r.lookup.field} in ${r.lookup.file ?? 'a table'}`;
  if (r.split) return `split ${r.split.from ?? r.split.field} at ${q(r.split.separator)} into ${r.split.field}`;
  if (r.join) return `join ${r.join.from ?? r.join.field} with ${q(r.join.separator)} into ${r.join.field}`;
  if (r.round) return `round ${r.round.field} to ${r.round.to} (${r.round.direction})`;
  if (r.bucket) return `bucket ${r.bucket.cost ? `margin of ${r.bucket.from} over ${r.bucket.cost}` : r.bucket.from} into ${r.bucket.field}`;
  if (r.convert) return `convert ${r.convert.field} from ${r.convert.from} to ${r.convert.to} at ${r.convert.rate}`;
  if (r.categories) return `map ${r.categories.from} to ${r.categories.field} with ${r.categories.file}`;
  return 'no action';
}
