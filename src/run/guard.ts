import { z } from 'zod';

/** `guard:` in a feed file: when a publish is refused (see checkPublishGuard). */
export const guardConfigSchema = z
  .object({
    /** Largest allowed fall of the item count against the last published feed, in percent; default 20. 100 turns the check off. */
    max_drop: z.number().min(0).max(100).default(20),
    /** Largest allowed share of catalog rows rejected (invalid or excluded), in percent; default 50. 100 turns the check off. */
    max_rejected: z.number().min(0).max(100).default(50),
    /** Refuse an empty feed; default true. */
    refuse_empty: z.boolean().default(true),
  })
  .strict();

export type GuardConfig = z.input<typeof guardConfigSchema>;

export type GuardVerdict = { ok: true } | { ok: false; reason: string; code: string };

const pct = (n: number): string => `${(Math.round(n * 10) / 10).toFixed(1)} %`;
const num = (n: number): string => n.toLocaleString('en-US');

/**
 * Decides whether a built feed may replace the published one (or let an API push delete items).
 * A truncated catalog export looks like a normal run with fewer items; these checks catch it
 * before it empties a channel. Defaults: refuse a fall of more than 20 % of the items, an empty
 * feed, or more than 50 % of the rows rejected (a wrong column mapping rejects nearly all rows,
 * while a healthy catalog rarely loses more than a few percent to validation).
 *
 * `previous` is what was last published (undefined on the first run: no fall to measure);
 * `next.rejected` counts catalog rows that did not make it into this feed, out of `next.total`.
 */
export function checkPublishGuard(
  previous: { items: number } | undefined,
  next: { items: number; rejected: number; total: number },
  options: GuardConfig = {},
): GuardVerdict {
  const o = guardConfigSchema.parse(options);
  if (next.items === 0 && o.refuse_empty) {
    const was = previous ? ` (the last published feed had ${num(previous.items)})` : '';
    return { ok: false, code: 'guard.empty', reason: `the feed is empty: 0 items out of ${num(next.total)} catalog rows${was}` };
  }
  if (previous && previous.items > 0 && next.items < previous.items) {
    const drop = ((previous.items - next.items) / previous.items) * 100;
    if (drop > o.max_drop) {
      return {
        ok: false,
        code: 'guard.drop',
        reason: `the item count fell from ${num(previous.items)} to ${num(next.items)} (-${pct(drop)}, more than guard.max_drop ${o.max_drop} %)`,
      };
    }
  }
  if (next.total > 0) {
    const share = (next.rejected / next.total) * 100;
    if (share > o.max_rejected) {
      return {
        ok: false,
        code: 'guard.rejected',
        reason: `${num(next.rejected)} of ${num(next.total)} catalog rows were rejected (${pct(share)}, more than guard.max_rejected ${o.max_rejected} %)`,
      };
    }
  }
  return { ok: true };
}
