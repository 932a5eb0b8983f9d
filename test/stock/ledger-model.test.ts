import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateSku } from '../../src/stock/allocate.js';
import type { LedgerEvent } from '../../src/stock/events.js';
import { StockLedger } from '../../src/stock/ledger.js';
import { stockConfigSchema } from '../../src/stock/schema.js';
import { LedgerModel, type ModelEvent } from './model.js';

const SKUS = ['A', 'B', 'C'];
const time = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

const countArb = fc.record({
  kind: fc.constant('count' as const),
  sku: fc.constantFrom(...SKUS),
  location: fc.constantFrom('x', 'y'),
  quantity: fc.integer({ min: 0, max: 15 }),
  minute: fc.integer({ min: 0, max: 30 }),
  source: fc.constantFrom('f1', 'f2', 'f3', 'f4'),
}).map(({ source, minute, ...c }): ModelEvent => ({ ...c, key: `import:${source}:${c.sku}:${c.location}`, at: time(minute) }));

const lineArb = fc.record({
  kind: fc.constantFrom('reserved' as const, 'reserved' as const, 'shipped' as const, 'cancelled' as const, 'returned' as const),
  channel: fc.constantFrom('amazon', 'ebay'),
  order: fc.integer({ min: 1, max: 6 }),
  line: fc.integer({ min: 1, max: 2 }),
  quantity: fc.integer({ min: 0, max: 6 }),
  minute: fc.integer({ min: 0, max: 30 }),
}).map(({ order, line, minute, ...l }): ModelEvent => ({
  ...l, order: `o${order}`, line: `l${line}`, sku: SKUS[(order + line) % SKUS.length]!, at: time(minute),
}));

type Step = { type: 'event'; event: ModelEvent } | { type: 'replay'; index: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: countArb.map((event) => ({ type: 'event' as const, event })) },
  { weight: 5, arbitrary: lineArb.map((event) => ({ type: 'event' as const, event })) },
  { weight: 2, arbitrary: fc.nat().map((index) => ({ type: 'replay' as const, index })) },
);

const policyArb = fc.record({
  safety: fc.integer({ min: 0, max: 3 }),
  shares: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 }),
  buffers: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  caps: fc.array(fc.option(fc.integer({ min: 2, max: 20 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  mins: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
  endWhen: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  priority: fc.nat(),
});

type PolicyInput = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;

/** A strict policy whose shares add up to at most 100 %. */
function strictPolicy(p: PolicyInput) {
  const total = p.shares.reduce((s, x) => s + x, 0);
  const shares = total > 100 ? p.shares.map((x) => Math.floor((x * 100) / total)) : p.shares;
  const channels: Record<string, unknown> = {};
  shares.forEach((share, i) => {
    channels[`c${i}`] = { share, buffer: p.buffers[i], cap: p.caps[i], min: p.mins[i], end_when: p.endWhen[i] };
  });
  return stockConfigSchema.parse({ safety: p.safety, strict: true, priority: `c${p.priority % shares.length}`, channels });
}

const toLedger = (e: ModelEvent): LedgerEvent => e;

describe('stock ledger against an in-memory model', () => {
  it('matches the model, never goes negative, ignores replays, and strict allocation never oversells (1,000 sequences)', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), policyArb, fc.integer({ min: 1, max: 5 }), (steps, p, batch) => {
        const policy = strictPolicy(p);
        const model = new LedgerModel(policy.safety);
        const ledger = StockLedger.open(':memory:');
        try {
          const applied: ModelEvent[] = [];
          let pending: ModelEvent[] = [];
          let expectedNew = 0;
          let incidentsSeen = 0;
          const flush = () => {
            const r = ledger.apply(pending.map(toLedger), { safety: policy.safety });
            expect(r.inserted).toBe(expectedNew);
            expect(r.inserted + r.ignored).toBe(pending.length);
            incidentsSeen += r.incidents.length;
            pending = [];
            expectedNew = 0;
          };
          for (const step of steps) {
            const event = step.type === 'event' ? step.event : applied[step.index % Math.max(1, applied.length)];
            if (!event) continue;
            applied.push(event);
            if (model.apply(event)) expectedNew++;
            pending.push(event);
            if (pending.length >= batch) flush();
          }
          flush();

          const snapshot = () => ledger.skus().map((sku) => {
            const n = ledger.numbers(sku, policy.safety);
            return { sku, onHand: n.onHand, reserved: n.reserved, available: n.available };
          });
          const before = snapshot();
          expect(before).toEqual(model.skus().map((sku) => ({ sku, ...model.numbers(sku) })));
          expect(incidentsSeen).toBe(model.incidentCount);
          expect(ledger.incidents().reduce((s, i) => s + i.units, 0)).toBe(model.incidentUnits);

          const eventsBefore = ledger.count();
          const replay = ledger.apply(applied.map(toLedger), { safety: policy.safety });
          expect(replay.inserted).toBe(0);
          expect(replay.incidents).toEqual([]);
          expect(ledger.count()).toBe(eventsBefore);
          expect(snapshot()).toEqual(before);

          for (const n of before) {
            expect(n.available).toBeGreaterThanOrEqual(0);
            const shown = Object.values(allocateSku(n.available, policy));
            for (const q of shown) expect(q).toBeGreaterThanOrEqual(0);
            expect(shown.reduce((s, q) => s + q, 0)).toBeLessThanOrEqual(n.available);
          }
        } finally {
          ledger.close();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('for any available count: strict never shows more than available in total, and no mode shows one channel more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), policyArb, (available, p) => {
        const strict = strictPolicy(p);
        expect(Object.values(allocateSku(available, strict)).reduce((sum, q) => sum + q, 0)).toBeLessThanOrEqual(available);
        const loose = stockConfigSchema.parse({ ...strict, strict: false, channels: Object.fromEntries(Object.entries(strict.channels).map(([k, c]) => [k, { ...c, share: 100 }])) });
        for (const q of Object.values(allocateSku(available, loose))) {
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(available);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('shares that add up to 100 % show every available unit: the rounding remainder has an owner', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 5 }), fc.nat(), (available, cuts, pick) => {
        // Cut points on 0..100 give shares that add up to exactly 100.
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const shares = [...points, 100].map((p, i) => p - (i === 0 ? 0 : points[i - 1]!));
        const channels = Object.fromEntries(shares.map((share, i) => [`c${i}`, { share }]));
        for (const strict of [true, false]) {
          const policy = stockConfigSchema.parse({ strict, priority: `c${pick % shares.length}`, channels });
          expect(Object.values(allocateSku(available, policy)).reduce((sum, q) => sum + q, 0)).toBe(available);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
