import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PieceEncoder } from '../../src/run/pass/piece-encoder.js';
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
    const enc = new PieceEncoder(new BufferShelf(4));
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
    const enc = new PieceEncoder(new BufferShelf(4));
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
        const withParts = new PieceEncoder(new BufferShelf(2));
        const plain = new PieceEncoder(new BufferShelf(2));
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
});
