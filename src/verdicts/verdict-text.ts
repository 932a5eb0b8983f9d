import type { Paint } from '../report/text-report.js';
import type { ItemVerdict, VerdictSummary } from './model.js';

/** `9 approved, 1 limited, 2 disapproved, 0 pending` */
export const countsText = (s: VerdictSummary, p?: Paint): string => {
  const c = s.counts;
  const bad = `${c.disapproved} disapproved`;
  return `${c.approved} approved, ${c.limited} limited, ${c.disapproved && p ? p.error(bad) : bad}, ${c.pending} pending`;
};

const SEVERITY_WORD = { disapproved: 'disapproved', demoted: 'demoted', warning: 'warning' } as const;

/** `diagnostics` text: per feed the counts, the channel's codes with the catalog field and our hint, the worst items. */
export function formatVerdictSummary(s: VerdictSummary, p: Paint, rise?: string): string[] {
  const lines = [`${p.bold(s.feed)} (${s.channel}) ${s.source} at ${s.fetchedAt}: ${s.items} items: ${countsText(s, p)}${rise ? `  ${rise}` : ''}`];
  for (const c of s.codes) {
    const label = c.severity === 'disapproved' ? p.error(SEVERITY_WORD[c.severity].padEnd(11)) : c.severity === 'demoted' ? p.warning(SEVERITY_WORD[c.severity].padEnd(11)) : p.dim(SEVERITY_WORD[c.severity].padEnd(11));
    const ids = c.items.slice(0, 5).join(', ') + (c.items.length > 5 ? `, ... (${c.items.length})` : '');
    lines.push(`  ${label} ${p.bold(c.code)} x${c.items.length}${c.attribute ? ` [${c.attribute}]` : ''}${c.field ? ` -> catalog field ${c.field}` : ''}: ${c.message}`);
    lines.push(`              ${p.dim('items:')} ${ids}`);
    if (c.hint) lines.push(`              ${p.dim('check before sending:')} ${c.hint}`);
  }
  if (s.worst.length) lines.push(`  ${p.dim('worst items:')} ${s.worst.slice(0, 5).map((w) => `${w.id} (${w.status}: ${w.codes.join(', ')})`).join('; ')}`);
  return lines;
}

/** `explain`: the channel's verdict on one item, each issue with the catalog field and its value. */
export function formatItemVerdict(v: ItemVerdict | undefined, meta: { channel: string; source: string; fetchedAt: string }, product: Record<string, string> | undefined, p: Paint): string[] {
  const lines = ['', p.bold(`${meta.channel} said (${meta.source}, fetched ${meta.fetchedAt})`)];
  if (!v) return [...lines, p.dim('  not among the items the channel reported (not sent yet, or deleted)')];
  const word = v.status === 'disapproved' ? p.error(v.status) : v.status === 'limited' ? p.warning(v.status) : v.status === 'approved' ? p.ok(v.status) : v.status;
  const c = v.countries;
  const where = c && (c.approved?.length || c.disapproved?.length || c.pending?.length) ? ` (approved in ${c.approved?.join(', ') || 'none'}; disapproved in ${c.disapproved?.join(', ') || 'none'}${c.pending?.length ? `; pending in ${c.pending.join(', ')}` : ''})` : '';
  lines.push(`  ${word}${where}`);
  for (const i of v.issues) {
    const value = i.field && product ? product[i.field] : undefined;
    lines.push(`  ${i.severity === 'disapproved' ? p.error(i.severity) : i.severity === 'demoted' ? p.warning(i.severity) : p.dim(i.severity)} ${p.bold(i.code)}${i.attribute ? ` [${i.attribute}]` : ''}: ${i.message}`);
    if (i.field) lines.push(`        catalog field ${i.field}: ${value === undefined ? p.dim('(empty)') : JSON.stringify(value)}`);
    if (i.detail) lines.push(`        ${i.detail}`);
    if (i.destinations?.length || i.countries?.length) lines.push(`        ${p.dim(`${i.destinations?.join(', ') ?? ''}${i.countries?.length ? ` in ${i.countries.join(', ')}` : ''}`)}`);
    if (i.documentation) lines.push(`        ${p.dim(i.documentation)}`);
    if (i.hint) lines.push(`        ${p.dim('check before sending:')} ${i.hint}`);
  }
  return lines;
}
