/**
 * What a channel decided about each item it received, in one shape for every channel. The codes,
 * severities and messages are the channel's own; `field` is our mapping of the channel's attribute
 * to the catalog field that fills it, and `hint` names the check we could run before sending.
 */

/** How an item serves on the channel, worst first. */
export const VERDICT_STATUSES = ['disapproved', 'limited', 'pending', 'approved'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

/** The channel's severity, normalised: refused, shown less (demoted), or only a warning. */
export type ChannelSeverity = 'disapproved' | 'demoted' | 'warning';

export interface ChannelIssue {
  /** The channel's own issue code, e.g. Google's `image_link_broken`, Meta's `1013`. */
  code: string;
  severity: ChannelSeverity;
  /** The channel's short description. */
  message: string;
  /** The channel's attribute name, as it says it (e.g. `image_link`, `image_url`, `item_name`). */
  attribute?: string;
  /** The catalog field the attribute comes from (canonical name), when we know it. */
  field?: string;
  /** The channel's longer explanation or what to do. */
  detail?: string;
  /** Whether and how the merchant can resolve it (Google: `merchant_action`, `pending_processing`). */
  resolution?: string;
  /** A page of the channel's help about this issue. */
  documentation?: string;
  /** Destinations or reporting contexts affected (Google: SHOPPING_ADS, FREE_LISTINGS). */
  destinations?: string[];
  /** Countries affected (ISO 3166-1 alpha-2). */
  countries?: string[];
  /** Where one of our rules or checks could have caught this before sending. */
  hint?: string;
}

export interface ItemVerdict {
  /** The item id as in the feed (offer id, SKU, retailer id). */
  id: string;
  status: VerdictStatus;
  issues: ChannelIssue[];
  /** Countries by status, when the channel says so per country. */
  countries?: { approved?: string[]; pending?: string[]; disapproved?: string[] };
}

/** Everything fetched for one feed at one time: what the store keeps. */
export interface VerdictSet {
  feed: string;
  channel: string;
  /** Where they came from (the destination as shown, without secrets). */
  source: string;
  fetchedAt: string;
  /** The run that pushed the items, when fetched right after a push. */
  runId?: string;
  items: ItemVerdict[];
}

/** One issue code over a feed's items. */
export interface VerdictCode {
  code: string;
  severity: ChannelSeverity;
  message: string;
  attribute?: string;
  field?: string;
  hint?: string;
  /** Items with this code (ids, sorted). */
  items: string[];
}

/** A set's numbers: what status, history, the reports and `--fail-on-disapprovals` read. */
export interface VerdictSummary {
  feed: string;
  channel: string;
  source: string;
  fetchedAt: string;
  runId?: string;
  items: number;
  counts: Record<VerdictStatus, number>;
  /** Codes, most items first. */
  codes: VerdictCode[];
  /** Up to ten items with the most disapproving issues, then the most issues. */
  worst: Array<{ id: string; status: VerdictStatus; issues: number; codes: string[] }>;
}

const SEVERITY_RANK: Record<ChannelSeverity, number> = { disapproved: 0, demoted: 1, warning: 2 };
const STATUS_RANK: Record<VerdictStatus, number> = { disapproved: 0, limited: 1, pending: 2, approved: 3 };

/**
 * The status an item's issues give it, when the channel gives none: any disapproving issue
 * disapproves, a demoting one limits; warnings leave it approved.
 */
export function statusFromIssues(issues: readonly ChannelIssue[], pending = false): VerdictStatus {
  if (issues.some((i) => i.severity === 'disapproved')) return 'disapproved';
  if (issues.some((i) => i.severity === 'demoted')) return 'limited';
  return pending ? 'pending' : 'approved';
}

export function summarizeVerdicts(set: VerdictSet): VerdictSummary {
  const counts: Record<VerdictStatus, number> = { disapproved: 0, limited: 0, pending: 0, approved: 0 };
  const codes = new Map<string, VerdictCode>();
  for (const item of set.items) {
    counts[item.status]++;
    for (const i of item.issues) {
      const key = `${i.code}\u0000${i.severity}`;
      let c = codes.get(key);
      if (!c) codes.set(key, (c = { code: i.code, severity: i.severity, message: i.message, attribute: i.attribute, field: i.field, hint: i.hint, items: [] }));
      if (!c.items.includes(item.id)) c.items.push(item.id);
    }
  }
  const list = [...codes.values()].map((c) => ({ ...c, items: c.items.sort() }));
  list.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.items.length - a.items.length || a.code.localeCompare(b.code));
  const worst = set.items
    .filter((i) => i.issues.length > 0)
    .map((i) => ({ id: i.id, status: i.status, issues: i.issues.length, codes: [...new Set(i.issues.map((x) => x.code))], bad: i.issues.filter((x) => x.severity === 'disapproved').length }))
    .sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.bad - a.bad || b.issues - a.issues || a.id.localeCompare(b.id))
    .slice(0, 10)
    .map(({ bad: _bad, ...rest }) => rest);
  return { feed: set.feed, channel: set.channel, source: set.source, fetchedAt: set.fetchedAt, runId: set.runId, items: set.items.length, counts, codes: list, worst };
}

/**
 * Whether disapprovals rose by more than `share` (0..1) of the feed's items since the previous
 * fetch: the CI gate of `--fail-on-disapprovals`. With no previous fetch the rise is from zero.
 */
export function disapprovalRise(current: VerdictSummary, previous: VerdictSummary | undefined): { rise: number; share: number } {
  const rise = current.counts.disapproved - (previous?.counts.disapproved ?? 0);
  return { rise, share: current.items ? rise / current.items : 0 };
}
