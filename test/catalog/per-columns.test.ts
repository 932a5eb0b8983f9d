import { describe, expect, it } from 'vitest';
import { PerColumns } from '../../src/catalog/presets/row-kit.js';

describe('PerColumns', () => {
  it('builds once per column list, also when lists alternate (XML items leave out different fields)', () => {
    const built: string[][] = [];
    const per = new PerColumns((keys) => {
      built.push(keys);
      return keys.join('+');
    });
    const a = { id: '1', title: 't' };
    const b = { id: '2', title: 't', sale_price: '1' };
    const results = [a, b, a, b, { ...a }, b].map((r) => per.get(r));
    expect(results).toEqual(['id+title', 'id+title+sale_price', 'id+title', 'id+title+sale_price', 'id+title', 'id+title+sale_price']);
    expect(built).toEqual([
      ['id', 'title'],
      ['id', 'title', 'sale_price'],
    ]);
  });

  it('tells apart lists whose names would join to the same text', () => {
    const per = new PerColumns((keys) => keys.length);
    expect(per.get({ 'a,b': '' })).toBe(1);
    expect(per.get({ a: '', b: '' })).toBe(2);
    expect(per.get({ 'a,b': '' })).toBe(1);
  });

  it('keeps a bounded number of lists, rebuilding the oldest when more come', () => {
    let builds = 0;
    const per = new PerColumns(() => ++builds);
    for (let i = 0; i < 200; i++) per.get({ [`c${i}`]: '' });
    expect(builds).toBe(200);
    per.get({ c199: '' });
    per.get({ c198: '' });
    expect(builds).toBe(200);
    per.get({ c0: '' });
    expect(builds).toBe(201);
  });
});
