import { error, warning, type Issue } from '../issues/issue.js';
import type { AllocationRow } from './quantities.js';
import type { ChannelQuantities } from './read-channel-quantities.js';

/**
 * - `drift`: the channel shows another quantity than its allocation (but not more than available).
 * - `oversold`: the channel shows more than the SKU's available units.
 * - `missing_on_channel`: the SKU has units allocated to the channel, which does not list it.
 * - `unknown_sku`: the channel lists a SKU the ledger has never seen.
 */
export type DifferenceKind = 'drift' | 'oversold' | 'missing_on_channel' | 'unknown_sku';

export interface Difference {
  kind: DifferenceKind;
  channel: string;
  sku: string;
  /** What the channel shows; null when it does not list the SKU. */
  shown: number | null;
  /** The allocation; null for an unknown SKU. */
  allocated: number | null;
  available: number | null;
}

/** Set `sku` on `channel` to `quantity` (it showed `was`). */
export interface Correction {
  channel: string;
  sku: string;
  quantity: number;
  was: number | null;
  reason: DifferenceKind;
}

export interface ReconcileResult {
  /** Channels compared: those in the file that the stock policy knows. */
  channels: string[];
  differences: Difference[];
  corrections: Correction[];
  issues: Issue[];
}

const byKey = (a: Difference, b: Difference): number =>
  a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;

/** Compares what each channel shows with the allocation and classifies every difference. Pure. */
export function reconcile(rows: readonly AllocationRow[], shown: ChannelQuantities, policyChannels: readonly string[], file: string): ReconcileResult {
  const issues: Issue[] = [];
  const channels = [...shown.keys()].filter((c) => policyChannels.includes(c)).sort();
  for (const c of shown.keys()) {
    if (!policyChannels.includes(c)) {
      issues.push(error('stock.reconcile.unknown_channel', `channel "${c}" is not in stock.channels (${policyChannels.join(', ') || 'none'}); its rows were not compared`, { file, fix: 'add it to stock.channels in shelfcast.yaml, or fix the channel name' }));
    }
  }
  const known = new Map(rows.map((r) => [r.sku, r]));
  const differences: Difference[] = [];
  for (const channel of channels) {
    const listed = shown.get(channel)!;
    for (const [sku, q] of listed) {
      const row = known.get(sku);
      if (!row) {
        differences.push({ kind: 'unknown_sku', channel, sku, shown: q, allocated: null, available: null });
        continue;
      }
      const allocated = row.allocation[channel]!;
      const available = row.numbers.available;
      if (q > available) differences.push({ kind: 'oversold', channel, sku, shown: q, allocated, available });
      else if (q !== allocated) differences.push({ kind: 'drift', channel, sku, shown: q, allocated, available });
    }
    for (const row of rows) {
      const allocated = row.allocation[channel]!;
      if (!listed.has(row.sku) && allocated > 0) {
        differences.push({ kind: 'missing_on_channel', channel, sku: row.sku, shown: null, allocated, available: row.numbers.available });
      }
    }
  }
  differences.sort(byKey);
  const corrections = differences
    .filter((d) => d.kind !== 'unknown_sku')
    .map((d): Correction => ({ channel: d.channel, sku: d.sku, quantity: d.allocated!, was: d.shown, reason: d.kind }));
  return { channels, differences, corrections, issues: [...issues, ...differences.map((d) => differenceIssue(d, file))] };
}

/** A difference as an Issue, for the text and JSON reports. */
export function differenceIssue(d: Difference, file: string): Issue {
  const base = { file, feed: d.channel, id: d.sku };
  switch (d.kind) {
    case 'oversold':
      return error('stock.reconcile.oversold', `${d.channel} shows ${d.shown} but only ${d.available} are available (allocated ${d.allocated})`, { ...base, fix: `set it to ${d.allocated}` });
    case 'drift':
      return warning('stock.reconcile.drift', `${d.channel} shows ${d.shown}, allocated ${d.allocated}`, { ...base, fix: `set it to ${d.allocated}` });
    case 'missing_on_channel':
      return warning('stock.reconcile.missing_on_channel', `${d.channel} does not list it; ${d.allocated} allocated`, { ...base, fix: 'list the SKU on the channel' });
    case 'unknown_sku':
      return warning('stock.reconcile.unknown_sku', `${d.channel} shows ${d.shown} of a SKU the ledger has no events for`, { ...base, fix: 'import its counts with `shelfcast stock import`, or end the listing' });
  }
}
