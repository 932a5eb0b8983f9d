import type { ChannelDefinition } from '../define-channel.js';
import type { Issue } from '../../issues/issue.js';

/** One issue code a channel reports, for its docs page. */
export interface IssueCodeDoc {
  code: string;
  severity: Issue['severity'];
  field: string;
  meaning: string;
}

/** What the last part of a code means; channels share these problem names. */
const MEANINGS: Record<string, { error: string; warning: string }> = {
  missing: { error: 'required value is empty: the item is left out', warning: 'value is empty: the item is published without it' },
  too_long: { error: 'over the limit and cannot be shortened (id, URL): the item is left out', warning: 'over the limit: cut at a word boundary' },
  too_many: { error: 'too many values: the item is left out', warning: 'too many values: the extra ones are left out' },
  mismatch: { error: 'priced in another currency than the feed, without a price_<CUR> column: the item is left out', warning: 'in another currency than the feed: left out' },
  currency_mismatch: { error: 'in another currency than the feed: the item is left out', warning: 'in another currency than the feed: the value is left out' },
  invalid: { error: 'not a value the channel accepts: the item is left out', warning: 'not a value the channel accepts: the value is left out' },
  not_lower: { error: 'sale price not lower than the price: the item is left out', warning: 'sale price not lower than the price: the sale price is left out' },
  missing_identifier: { error: 'no GTIN and no brand + MPN: the item is left out', warning: 'no GTIN and no brand + MPN: published with identifier_exists=no' },
  missing_price: { error: 'no price: the item is left out', warning: 'no price: the value is left out' },
  out_of_stock: { error: 'out of stock, which the channel does not list: the item is left out', warning: 'out of stock' },
  backorder: { error: 'backorder is not accepted: the item is left out', warning: 'the channel has no backorder: sent as preorder' },
  emoji: { error: 'emoji are not accepted: the item is left out', warning: 'emoji removed' },
  dates_missing: { error: 'no start and end date: the item is left out', warning: 'the channel needs start and end dates for it: the value is left out' },
};

const meaningOf = (code: string, severity: Issue['severity']): string => {
  const problem = code.slice(code.lastIndexOf('.') + 1);
  const m = MEANINGS[problem];
  if (!m) return 'see the issue message';
  return severity === 'error' ? m.error : m.warning;
};

/**
 * The codes a channel reports: `<id>.<attribute>.missing` for each required attribute, plus every
 * code seen when rendering the fixture catalog (`observed`, e.g. the golden issues snapshot), each
 * once, sorted by code.
 */
export function issueCodes(channel: ChannelDefinition<any>, observed: ReadonlyArray<Pick<Issue, 'severity' | 'code' | 'field'>> = []): IssueCodeDoc[] {
  const byCode = new Map<string, IssueCodeDoc>();
  const add = (code: string, severity: Issue['severity'], field: string) => {
    if (!byCode.has(code)) byCode.set(code, { code, severity, field, meaning: meaningOf(code, severity) });
  };
  for (const i of observed) add(i.code, i.severity, i.field ?? '');
  for (const a of channel.attributes) if (a.required && /^[a-z][a-z0-9_]*$/.test(a.name)) add(`${channel.id}.${a.name}.missing`, 'error', a.name);
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}
