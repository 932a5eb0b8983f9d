/**
 * A deliberately simple in-memory model of the stock ledger, written from the documented
 * semantics (not from src/stock/derive.ts), for the model-based property tests.
 */
export type ModelEvent =
  | { kind: 'count'; key: string; sku: string; location: string; quantity: number; at: string }
  | { kind: 'reserved' | 'shipped' | 'cancelled' | 'returned'; channel: string; order: string; line: string; sku: string; quantity: number; at: string };

interface Kept {
  seq: number;
  key: string;
  e: ModelEvent;
}

export class LedgerModel {
  kept: Kept[] = [];
  incidentUnits = 0;
  incidentCount = 0;
  constructor(readonly safety: number) {}

  private has(key: string): Kept | undefined {
    return this.kept.find((k) => k.key === key);
  }

  /** Returns true when the event was new. */
  apply(e: ModelEvent): boolean {
    let key = e.kind === 'count' ? e.key : `${e.channel}:${e.order}:${e.line}:${e.kind}`;
    const prior = this.has(key);
    if (prior) {
      if (e.kind === 'count' || prior.e.quantity === e.quantity) return false;
      key = `${key}#${e.quantity}`;
      if (this.has(key)) return false;
    }
    const before = this.room(e.sku);
    this.kept.push({ seq: this.kept.length, key, e });
    if (e.kind !== 'count') {
      const after = this.room(e.sku);
      if (after < 0 && after < before) {
        this.incidentCount++;
        this.incidentUnits += Math.min(before - after, -after);
      }
    }
    return true;
  }

  numbers(sku: string): { onHand: number; reserved: number; available: number } {
    const mine = this.kept.filter((k) => k.e.sku === sku);
    const latest: Record<string, Kept> = {};
    for (const k of mine) {
      if (k.e.kind !== 'count') continue;
      const cur = latest[k.e.location];
      if (!cur || k.e.at > cur.e.at || (k.e.at === cur.e.at && k.seq > cur.seq)) latest[k.e.location] = k;
    }
    const countTimes = Object.values(latest).map((k) => k.e.at).sort();
    const countedAt = countTimes.length ? countTimes[countTimes.length - 1]! : undefined;
    let onHand = Object.values(latest).reduce((s, k) => s + k.e.quantity, 0);
    let reserved = 0;
    const lines = new Set(mine.filter((k) => k.e.kind !== 'count').map((k) => JSON.stringify([(k.e as any).channel, (k.e as any).order, (k.e as any).line])));
    for (const id of lines) {
      const [channel, order, line] = JSON.parse(id) as string[];
      const ofLine = mine.filter((k) => k.e.kind !== 'count' && (k.e as any).channel === channel && (k.e as any).order === order && (k.e as any).line === line);
      const level = (kind: string, upTo?: string): number =>
        Math.max(0, ...ofLine.filter((k) => k.e.kind === kind && (upTo === undefined || k.e.at <= upTo)).map((k) => k.e.quantity));
      reserved += Math.max(0, level('reserved') - level('shipped') - level('cancelled'));
      const shippedBefore = countedAt === undefined ? 0 : level('shipped', countedAt);
      const returnedBefore = countedAt === undefined ? 0 : level('returned', countedAt);
      onHand += level('returned') - returnedBefore - (level('shipped') - shippedBefore);
    }
    return { onHand, reserved, available: Math.max(0, onHand - reserved - this.safety) };
  }

  private room(sku: string): number {
    const n = this.numbers(sku);
    return n.onHand - n.reserved - this.safety;
  }

  skus(): string[] {
    return [...new Set(this.kept.map((k) => k.e.sku))].sort();
  }
}
