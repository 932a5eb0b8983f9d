import { styleText } from 'node:util';
import type { Issue } from '../issues/issue.js';
import type { IssueLog } from '../run/issue-log.js';

export interface Paint {
  error: (s: string) => string;
  warning: (s: string) => string;
  dim: (s: string) => string;
  bold: (s: string) => string;
  ok: (s: string) => string;
}

/** Colours only on a terminal, and never with NO_COLOR (styleText honours it when told the stream). */
export function paint(enabled: boolean): Paint {
  const style = (format: Parameters<typeof styleText>[0]) => (s: string) => (enabled ? styleText(format, s) : s);
  return { error: style('red'), warning: style('yellow'), dim: style('dim'), bold: style('bold'), ok: style('green') };
}

const where = (i: Issue): string => {
  const parts: string[] = [];
  // Issues of another file than the catalog (a supplemental source) say which.
  if (i.file !== undefined && i.row !== undefined) parts.push(`${i.file} row ${i.row}`);
  else if (i.file !== undefined) parts.push(i.file);
  else if (i.row !== undefined) parts.push(`row ${i.row}`);
  if (i.id) parts.push(`id ${i.id}`);
  if (i.field) parts.push(i.field);
  return parts.join(', ');
};

/**
 * Issues grouped by code, most frequent first: the count, the rows of the first few, one example
 * message and what to do. People fix a code at a time, not a row at a time.
 */
export function formatIssueGroups(log: IssueLog, p: Paint, title?: string): string[] {
  const lines: string[] = [];
  const groups = [...log.byCode.entries()].sort((a, b) => (a[1].severity === b[1].severity ? b[1].count - a[1].count : a[1].severity === 'error' ? -1 : 1));
  if (groups.length === 0) return lines;
  if (title) lines.push(p.bold(title));
  for (const [code, g] of groups) {
    const label = g.severity === 'error' ? p.error('error  ') : g.severity === 'warning' ? p.warning('warning') : p.dim('info   ');
    const rows = g.examples.filter((e) => e.row !== undefined).map((e) => (e.file ? `${e.file}:${e.row}` : e.row));
    const rowText = rows.length ? ` rows ${rows.join(', ')}${g.count > rows.length ? ', ...' : ''}` : '';
    lines.push(`  ${label} ${p.bold(code)} x${g.count}${p.dim(rowText)}`);
    const first = g.examples[0];
    if (first) {
      const at = where(first);
      lines.push(`          ${at ? `${p.dim(at)}: ` : ''}${first.message}`);
      // Many messages already end with what to do; say it once.
      if (first.fix && !first.message.includes(first.fix)) lines.push(`          ${p.dim('fix:')} ${first.fix}`);
    }
  }
  return lines;
}
