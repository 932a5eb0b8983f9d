import type { Paint } from '../report/text-report.js';
import type { SkuNumbers } from './derive.js';
import type { StoredEvent } from './events.js';
import type { OversellIncident } from './ledger.js';
import type { AllocationRow } from './quantities.js';
import type { Difference } from './reconcile.js';

/** Text left-aligned, numbers right-aligned: a table people can scan. */
export function table(header: string[], rows: Array<Array<string | number>>): string[] {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? '').length)));
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => /^-?\d+$|^-$/.test(String(r[j] ?? ''))));
  return cells.map((r) => r.map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!))).join('  ').trimEnd());
}

export function allocationText(rows: readonly AllocationRow[], channels: readonly string[]): string[] {
  return table(
    ['sku', 'on_hand', 'reserved', 'safety', 'available', ...channels],
    rows.map((r) => [r.sku, r.numbers.onHand, r.numbers.reserved, r.numbers.safety, r.numbers.available, ...channels.map((c) => r.allocation[c] ?? 0)]),
  );
}

export function differencesText(differences: readonly Difference[]): string[] {
  const show = (n: number | null): string => (n === null ? '-' : String(n));
  return table(['channel', 'sku', 'difference', 'shown', 'allocated', 'available'], differences.map((d) => [d.channel, d.sku, d.kind, show(d.shown), show(d.allocated), show(d.available)]));
}

export function incidentText(i: OversellIncident, p: Paint): string {
  return `  ${p.error('oversold')} ${i.sku}: ${i.units} unit(s) by ${i.channel} order ${i.order} line ${i.line} at ${i.at} (on_hand ${i.onHand}, reserved ${i.reserved}, safety ${i.safety})${i.location === undefined ? '' : `; at ${i.location}: on_hand ${i.locationOnHand}, reserved ${i.locationReserved}`}`;
}

export function showText(numbers: SkuNumbers, allocation: Record<string, number>, events: readonly StoredEvent[], incidents: readonly OversellIncident[], p: Paint): string[] {
  const lines = [p.bold(`stock ${numbers.sku}`)];
  lines.push(`  on_hand ${numbers.onHand} (counts ${Object.entries(numbers.counts).map(([l, q]) => `${l}=${q}`).join(', ') || 'none'}${numbers.countedAt ? `, latest ${numbers.countedAt}` : ''})`);
  lines.push(`  reserved ${numbers.reserved}, safety ${numbers.safety}, available ${numbers.available}`);
  const locations = Object.entries(numbers.locations);
  if (locations.length > 1 || (locations.length === 1 && locations[0]![0] !== 'default')) {
    lines.push(`  locations ${locations.map(([l, n]) => `${l}: on_hand ${n.onHand}, reserved ${n.reserved}`).join('; ')}`);
  }
  if (Object.keys(allocation).length > 0) lines.push(`  allocation ${Object.entries(allocation).map(([c, q]) => `${c}=${q}`).join(', ')}`);
  lines.push(p.bold('events'));
  lines.push(...table(['at', 'kind', 'quantity', 'where', 'key'], events.map((e) => [e.at, e.kind, e.quantity, e.kind === 'count' ? (e.location ?? '') : `${e.channel} ${e.order}/${e.line}${e.location ? ` @${e.location}` : ''}`, e.key])).map((l) => `  ${l}`));
  for (const i of incidents) lines.push(incidentText(i, p));
  return lines;
}
