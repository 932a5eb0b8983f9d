import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedRecord, SerializerId } from '../../src/channels/define-channel.js';
import { createSerializer, documentWriter } from '../../src/serializers/index.js';
import { recentCallsForLong } from '../../src/util/last-call.js';
import { HOSTILE } from './hostile-values.js';

const header = { title: 't', link: 'l', description: 'd' };
const writer = (kind: 'csv' | 'tsv' | 'tsv-quoted', options?: Record<string, unknown>) =>
  documentWriter(createSerializer({ format: { id: kind, serializer: kind as SerializerId, ext: kind, contentType: 'text/plain' }, columns: ['id', 'description', 'rich'], header, options }));
const long = (seed: string) => `${seed} =1+2 "12"" pan"; a;b\tc\r\n 😀 Größe `.repeat(12);

describe('recentCallsForLong', () => {
  it('remembers the last `size` long texts, computes short ones every time', () => {
    const calls: string[] = [];
    const f = recentCallsForLong((t: string) => {
      calls.push(t.slice(0, 1));
      return t.length;
    }, 2);
    const a = 'a'.repeat(200);
    const b = 'b'.repeat(200);
    const c = 'c'.repeat(200);
    expect([a, b, a, b, c, a, 'x', 'x'].map(f)).toEqual([200, 200, 200, 200, 200, 200, 1, 1]);
    // c pushed out the oldest (a), so a is computed again.
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'x', 'x']);
  });
});

describe('cells shared between feeds that quote the same way', () => {
  it('give every feed the rows it writes alone, whatever the feeds in between (property)', () => {
    const kinds = [
      ['csv', undefined],
      ['csv', { formulaGuard: true }],
      ['tsv', undefined],
      ['tsv', { formulaGuard: true }],
      ['tsv-quoted', undefined],
      ['tsv-quoted', { formulaGuard: true }],
    ] as const;
    const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(long('a'), long('=b'), long(' c')));
    const record = fc.record({ id: fc.string({ maxLength: 4 }), description: text, rich: text });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 12 }), (records: FeedRecord[]) => {
        // Each row through every feed in turn, as the build does, against each feed on its own.
        const together = kinds.map(([k, o]) => writer(k, o));
        const rows = kinds.map(() => [] as string[]);
        for (const r of records) together.forEach((w, i) => rows[i]!.push(w.item(r)));
        kinds.forEach(([k, o], i) => {
          const alone = writer(k, o);
          expect(rows[i]).toEqual(records.map((r) => alone.item(r)));
        });
      }),
    );
  });

  it('keep each way of quoting apart: a formula cell is guarded only where the feed asks for it', () => {
    const value = `=HYPERLINK("x") ${'long '.repeat(40)}`;
    const plain = writer('csv');
    const guarded = writer('csv', { formulaGuard: true });
    const record = { id: '1', description: value, rich: value };
    const a = plain.item(record);
    const b = guarded.item(record);
    expect(plain.item(record)).toBe(a);
    expect(a).toBe(`1,"${value.replace(/"/g, '""')}","${value.replace(/"/g, '""')}"\n`);
    expect(b).toBe(`1,"'${value.replace(/"/g, '""')}","'${value.replace(/"/g, '""')}"\n`);
  });
});
