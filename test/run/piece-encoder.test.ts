import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PieceEncoder, RecentLongParts } from '../../src/run/pass/piece-encoder.js';
import { BufferShelf } from '../../src/run/pass/buffer-shelf.js';
import { REPEATABLE_PART } from '../../src/serializers/serializer.js';

const decode = (r: ReturnType<PieceEncoder['finish']>): string[] => {
  const text = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.length);
  const out: string[] = [];
  let start = 0;
  for (const end of r.ends) {
    out.push(text.toString('utf8', start, end));
    start = end;
  }
  return out;
};

const long = (seed: string) => `${seed} 😀 Größe 日本製 `.repeat(Math.ceil(REPEATABLE_PART / 10)).slice(0, REPEATABLE_PART + seed.length);

describe('PieceEncoder', () => {
  it('writes each body as the UTF-8 of its parts concatenated, copying a repeated long part', () => {
    const enc = new PieceEncoder(new BufferShelf(4), new RecentLongParts());
    const desc = long('shared');
    const bodies = [
      ['<item>a', desc, 'tail one that is long '.repeat(20)],
      ['<item>b', desc, 'tail two that is long '.repeat(20)],
      ['<item>c', long('other'), 'short'],
      ['<item>d', desc, 'x'],
    ];
    bodies.forEach((parts, i) => enc.add(parts, i));
    const r = enc.finish();
    expect(decode(r)).toEqual(bodies.map((p) => p.join('')));
    expect([...r.owner]).toEqual([0, 1, 2, 3]);
  });

  it('keeps the copied bytes right when the buffer grows between two records', () => {
    const enc = new PieceEncoder(new BufferShelf(4), new RecentLongParts());
    const desc = long('grow');
    const filler = 'f'.repeat(300_000);
    const bodies: string[][] = [];
    for (let i = 0; i < 8; i++) bodies.push([`<${i}>`, desc, filler]);
    bodies.forEach((parts, i) => enc.add(parts, i));
    expect(decode(enc.finish())).toEqual(bodies.map((p) => p.join('')));
  });

  it('gives the same bytes as plain text for any parts (property)', () => {
    const part = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(long('a'), long('b')));
    fc.assert(
      fc.property(fc.array(fc.array(part, { maxLength: 5 }), { maxLength: 20 }), (bodies) => {
        const withParts = new PieceEncoder(new BufferShelf(2), new RecentLongParts());
        const plain = new PieceEncoder(new BufferShelf(2), new RecentLongParts());
        bodies.forEach((parts, i) => {
          withParts.add(parts, i);
          plain.add([parts.join('')], i);
        });
        const a = withParts.finish();
        const b = plain.finish();
        expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
        expect([...a.ends]).toEqual([...b.ends]);
      }),
    );
  });

  it("copies a long part another feed's encoder wrote, also after that encoder's buffer grew and another took its old one", () => {
    const shelf = new BufferShelf(8);
    const recent = new RecentLongParts();
    const a = new PieceEncoder(shelf, recent);
    const desc = long('cell');
    const filler = 'g'.repeat(700_000);
    const bodiesA = [['"', desc, '"'], [filler, filler], ['x', long('second'), 'y']];
    a.add(bodiesA[0]!, 0);
    // a grows and gives its first buffer, which holds the description's bytes, back to the shelf...
    a.add(bodiesA[1]!, 1);
    // ...where b finds it and writes over those bytes.
    const b = new PieceEncoder(shelf, recent);
    const bodiesB = [['b'.repeat(REPEATABLE_PART - 1)], ['"', desc, '"'], ['z', long('second')], ['w', desc]];
    bodiesB.forEach((parts, i) => b.add(parts, i));
    a.add(bodiesA[2]!, 2);
    expect(decode(a.finish())).toEqual(bodiesA.map((p) => p.join('')));
    expect(decode(b.finish())).toEqual(bodiesB.map((p) => p.join('')));
  });

  it('gives every feed the same bytes as plain text when feeds share their recent parts (property)', () => {
    const part = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(long('a'), long('b'), long('c')), fc.constant('h'.repeat(5_000)));
    fc.assert(
      fc.property(fc.array(fc.array(fc.array(part, { maxLength: 4 }), { minLength: 3, maxLength: 3 }), { maxLength: 15 }), (rows) => {
        const shelf = new BufferShelf(4);
        const recent = new RecentLongParts();
        const feeds = [0, 1, 2].map(() => new PieceEncoder(shelf, recent));
        const plain = [0, 1, 2].map(() => new PieceEncoder(new BufferShelf(1), new RecentLongParts()));
        rows.forEach((row, i) =>
          row.forEach((parts, f) => {
            feeds[f]!.add(parts, i);
            plain[f]!.add([parts.join('')], i);
          }),
        );
        for (let f = 0; f < 3; f++) {
          const x = feeds[f]!.finish();
          const y = plain[f]!.finish();
          expect(Buffer.from(x.bytes).equals(Buffer.from(y.bytes))).toBe(true);
          expect([...x.ends]).toEqual([...y.ends]);
        }
      }),
    );
  });
});
