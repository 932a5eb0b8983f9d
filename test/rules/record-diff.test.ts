import { describe, expect, it } from 'vitest';
import type { FeedRecord } from '../../src/channels/define-channel.js';
import { formatPlan } from '../../src/cli/plan.js';
import { paint } from '../../src/report/text-report.js';
import { diffRecord, diffRecords } from '../../src/rules/record-diff.js';

describe('record diff', () => {
  it('lists changed, added and removed fields', () => {
    expect(diffRecord({ id: '1', title: 'a', color: 'red', images: ['x'] }, { id: '1', title: 'b', images: ['x', 'y'], size: 'M' })).toEqual([
      { field: 'title', before: 'a', after: 'b' },
      { field: 'images', before: ['x'], after: ['x', 'y'] },
      { field: 'size', before: undefined, after: 'M' },
      { field: 'color', before: 'red' },
    ]);
  });

  it('counts added, removed, changed and unchanged items and changed fields', async () => {
    async function* published(): AsyncGenerator<{ id: string; record: FeedRecord }> {
      yield { id: 'A', record: { id: 'A', price: '1.00 USD' } };
      yield { id: 'B', record: { id: 'B', price: '2.00 USD', title: 'b' } };
      yield { id: 'C', record: { id: 'C' } };
      yield { id: 'D', record: { id: 'D', price: '4.00 USD' } };
    }
    const next = new Map<string, FeedRecord>([
      ['A', { id: 'A', price: '1.00 USD' }],
      ['B', { id: 'B', price: '2.50 USD', title: 'B' }],
      ['D', { id: 'D', price: '4.50 USD' }],
      ['E', { id: 'E' }],
    ]);
    const plan = await diffRecords('f', published(), next);
    expect(plan).toMatchObject({ feed: 'f', published: true, added: ['E'], removed: ['C'] });
    expect(plan.changed.map((c) => c.id)).toEqual(['B', 'D']);
    expect(plan.counts).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 1, fields: { price: 2, title: 1 } });
    expect(formatPlan(plan, paint(false), 1)).toEqual([
      'f: 1 added, 1 removed, 2 changed, 1 unchanged',
      '  + E',
      '  - C',
      '  ~ B',
      '      price: "2.00 USD" -> "2.50 USD"',
      '      title: "b" -> "B"',
      '    ... and 1 more (--json lists every item)',
      '  fields changed: price 2, title 1',
    ]);
  });

  it('a feed never published adds everything', async () => {
    const plan = await diffRecords('f', [], new Map([['A', { id: 'A' }]]));
    expect(plan).toMatchObject({ published: false, added: ['A'], counts: { added: 1, removed: 0, changed: 0, unchanged: 0 } });
    expect(formatPlan(plan, paint(false))[0]).toBe('f: 1 added, 0 removed, 0 changed, 0 unchanged (never published: every item is new)');
  });
});
