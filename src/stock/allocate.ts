import { availableAt, type SkuNumbers } from './derive.js';
import { priorityChannel, type StockConfig } from './schema.js';

/** Quantity each channel may show for one SKU, by channel name, in the order of `stock.channels`. */
export type SkuAllocation = Record<string, number>;

/** Basis points (1/100 %) so that shares such as 33.33 round down exactly, in integers. */
const toBasisPoints = (share: number): number => Math.round(share * 100);

/**
 * Shares out one SKU's available units (already net of reservations and safety) among the channels
 * of the policy. Pure: the same inputs always give the same numbers.
 *
 * Per channel, in this order:
 * 1. `end_when`: at or below this many available units the channel shows 0.
 * 2. `share`: floor(available * share / 100). The units lost to rounding down (the difference
 *    between floor(available * total share / 100) and the sum of the floors) go to the priority
 *    channel: the last units need an owner.
 * 3. `buffer`: subtracted, not below 0.
 * 4. `cap`: at most this many.
 * 5. `min`: at least this many, but never more than available.
 * A channel with `locations` takes all of this of what those locations have (`availableAt`), never
 * more than available; `end_when` and `min` then apply to that.
 * In strict mode the priority channel is served first, then the others as listed, and each gets at
 * most the units not yet shown elsewhere, so the sum never exceeds available.
 */
export function allocateSku(available: number, policy: StockConfig, availableAt?: (locations: readonly string[]) => number): SkuAllocation {
  const units = Math.max(0, Math.floor(available));
  const names = Object.keys(policy.channels);
  const owner = priorityChannel(policy);
  // A channel limited to some locations shares out what they have (never more than available).
  const baseOf = (name: string): number => {
    const locations = policy.channels[name]!.locations;
    return locations && availableAt ? Math.min(units, Math.max(0, Math.floor(availableAt(locations)))) : units;
  };

  const floors = new Map<string, number>();
  let totalBp = 0;
  let floorSum = 0;
  for (const name of names) {
    const bp = toBasisPoints(policy.channels[name]!.share);
    const f = Math.floor((baseOf(name) * bp) / 10_000);
    floors.set(name, f);
    // The rounding remainder is of the SKU's available: only channels that share all of it take part.
    if (policy.channels[name]!.locations && availableAt) continue;
    totalBp += bp;
    floorSum += f;
  }
  // Shares above 100 % in total (non-strict) leave no rounding remainder to hand out.
  const remainder = Math.max(0, Math.floor((units * Math.min(totalBp, 10_000)) / 10_000) - floorSum);

  const wanted = new Map<string, number>();
  for (const name of names) {
    const c = policy.channels[name]!;
    const base = baseOf(name);
    if (base <= c.end_when) {
      wanted.set(name, 0);
      continue;
    }
    const shared = !(c.locations && availableAt);
    let q = floors.get(name)! + (name === owner && shared ? remainder : 0);
    q = Math.max(0, q - c.buffer);
    if (c.cap !== undefined) q = Math.min(q, c.cap);
    q = Math.max(q, Math.min(c.min, base));
    wanted.set(name, Math.min(q, base));
  }

  if (policy.strict) {
    const order = owner ? [owner, ...names.filter((n) => n !== owner)] : names;
    let left = units;
    for (const name of order) {
      const q = Math.min(wanted.get(name)!, left);
      wanted.set(name, q);
      left -= q;
    }
  }

  const out: SkuAllocation = {};
  for (const name of names) out[name] = wanted.get(name)!;
  return out;
}

/** The allocation of a SKU from its numbers: channels with `locations` share what those locations have. */
export const allocateNumbers = (n: SkuNumbers, policy: StockConfig): SkuAllocation => allocateSku(n.available, policy, (locations) => availableAt(n, locations));
